package ru.edu.auditor.facts;

/** The audited organization. {@code kind} is one of general, preschool, additional, vocational, authority. */
public class Organization {
    private String id;
    private String name;
    private String kind;
    private String region;
    private String municipality;

    public String getId() { return id; }
    public String getName() { return name; }
    public String getKind() { return kind; }
    public String getRegion() { return region; }
    public String getMunicipality() { return municipality; }

    public boolean isAuthority() { return "authority".equals(kind); }
}
