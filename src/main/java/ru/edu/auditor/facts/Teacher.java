package ru.edu.auditor.facts;

import java.time.LocalDate;

/** One teacher of the optional roster; figures are for the audited week. */
public class Teacher {
    private String id;
    private String name;
    private Boolean sferumRegistered;
    private Integer groupChatMessages;
    private Integer calls;
    private Integer createdGroupChats;
    private Boolean ejournalLinked;
    private LocalDate mySchoolLastSignIn;
    private Boolean mySchoolConfirmed;

    public String getId() { return id; }
    public String getName() { return name; }
    public Boolean getSferumRegistered() { return sferumRegistered; }
    public Integer getGroupChatMessages() { return groupChatMessages; }
    public Integer getCalls() { return calls; }
    public Integer getCreatedGroupChats() { return createdGroupChats; }
    public Boolean getEjournalLinked() { return ejournalLinked; }
    public LocalDate getMySchoolLastSignIn() { return mySchoolLastSignIn; }
    public Boolean getMySchoolConfirmed() { return mySchoolConfirmed; }

    /** How the teacher is named in explanations: the name when given, else the opaque id. */
    public String getLabel() { return name != null && !name.isBlank() ? name + " (" + id + ")" : id; }

    /**
     * «Активный пользователь» of «Моя школа» as the platform's statistics count one (the one place this value is written:
     * rules, roster counts and the generator read it from here): a sign-in within this many days.
     */
    public static final int MY_SCHOOL_ACTIVE_DAYS = 365;

    /** Active «Моя школа» user on {@code asOf}: confirmed account and a sign-in within the last {@link #MY_SCHOOL_ACTIVE_DAYS} days. */
    public boolean isMySchoolActive(LocalDate asOf) {
        return Boolean.TRUE.equals(mySchoolConfirmed) && mySchoolLastSignIn != null
                && !mySchoolLastSignIn.isAfter(asOf) && !mySchoolLastSignIn.isBefore(asOf.minusDays(MY_SCHOOL_ACTIVE_DAYS));
    }
}
