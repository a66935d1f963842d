package ru.edu.auditor.facts;

/** The organization's head and deputies, and how many of them joined the education authority's chats. */
public class Leadership {
    private Integer total;
    private Integer joinedAuthorityChats;

    public Integer getTotal() { return total; }
    public Integer getJoinedAuthorityChats() { return joinedAuthorityChats; }
}
