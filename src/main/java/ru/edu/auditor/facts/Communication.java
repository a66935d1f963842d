package ru.edu.auditor.facts;

import java.util.List;

/** Software used for official communication and education, and where the official chats live. */
public class Communication {
    private List<SoftwareInUse> messengersInUse;
    private List<OfficialChats> officialChats;

    public List<SoftwareInUse> getMessengersInUse() { return messengersInUse; }
    public List<OfficialChats> getOfficialChats() { return officialChats; }
}
