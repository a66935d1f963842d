package ru.edu.auditor.facts;

import java.time.LocalDate;

/** Facts about the education authority's own duties (the audited organization is the authority). */
public class AuthorityFacts {
    /** Subordinate organizations and how many of them have moved to Sferum and VK Messenger. */
    private Integer organizationsTotal;
    private Integer organizationsOnSferum;
    private Boolean chatsForHeadsCreated;
    private LocalDate chatsForHeadsCreatedOn;
    private Integer headsTotal;
    private Integer headsAcquainted;
    private Integer staffTotal;
    private Integer staffAcquainted;
    private Boolean monitoringConducted;
    private LocalDate monitoringLastOn;
    /** Control of teachers' use of Sferum and «Моя школа» (п. 2 Постановления № 262). */
    private Boolean teacherUsageControlConducted;
    private LocalDate teacherUsageControlLastOn;

    public Integer getOrganizationsTotal() { return organizationsTotal; }
    public Integer getOrganizationsOnSferum() { return organizationsOnSferum; }
    public Boolean getChatsForHeadsCreated() { return chatsForHeadsCreated; }
    public LocalDate getChatsForHeadsCreatedOn() { return chatsForHeadsCreatedOn; }
    public Integer getHeadsTotal() { return headsTotal; }
    public Integer getHeadsAcquainted() { return headsAcquainted; }
    public Integer getStaffTotal() { return staffTotal; }
    public Integer getStaffAcquainted() { return staffAcquainted; }
    public Boolean getMonitoringConducted() { return monitoringConducted; }
    public LocalDate getMonitoringLastOn() { return monitoringLastOn; }
    public Boolean getTeacherUsageControlConducted() { return teacherUsageControlConducted; }
    public LocalDate getTeacherUsageControlLastOn() { return teacherUsageControlLastOn; }
}
