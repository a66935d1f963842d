package ru.edu.auditor.facts;

import java.time.LocalDate;
import java.util.List;

/** A person appointed responsible (coordinator) for Sferum / «Моя школа» / ICT. */
public class ResponsiblePerson {
    private String name;
    private String position;
    /** The role the organization's order appointed the person to (optional): coordinator, responsibleForUse, administrator, ictSupport. */
    private String role;
    /** Any of sferum, mySchool, ict. */
    private List<String> areas;
    private OrderRef appointedBy;
    private LocalDate orderCopySentOn;

    public String getName() { return name; }
    public String getPosition() { return position; }
    public String getRole() { return role; }
    public boolean hasRole() { return role != null; }
    public List<String> getAreas() { return areas == null ? List.of() : areas; }
    public OrderRef getAppointedBy() { return appointedBy; }
    public LocalDate getOrderCopySentOn() { return orderCopySentOn; }

    public boolean covers(String area) { return getAreas().contains(area); }
}
