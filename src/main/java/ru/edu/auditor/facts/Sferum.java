package ru.edu.auditor.facts;

import java.time.LocalDate;

/** The organization's state on the Sferum platform. Null fields were not reported. */
public class Sferum {
    /** "active" or "inactive" (the platform shows «Не активен»). */
    private String profileStatus;
    private Boolean structureFormed;
    private LocalDate structureFormedOn;
    private Integer classCount;
    private Integer chatCount;
    private Boolean ejournalIntegrated;
    /** Personal and group communications (chats, video conferences) are created through Sferum. */
    private Boolean communicationsViaSferum;
    /** Information resources (channels) through which users publish what the educational process needs. */
    private Integer informationChannels;

    public String getProfileStatus() { return profileStatus; }
    public Boolean getStructureFormed() { return structureFormed; }
    public LocalDate getStructureFormedOn() { return structureFormedOn; }
    public Integer getClassCount() { return classCount; }
    public Integer getChatCount() { return chatCount; }
    public Boolean getEjournalIntegrated() { return ejournalIntegrated; }
    public Boolean getCommunicationsViaSferum() { return communicationsViaSferum; }
    public Integer getInformationChannels() { return informationChannels; }
}
