package ru.edu.auditor.facts;

/** How many chats used for official correspondence live on one platform. */
public class OfficialChats {
    private String platform;
    private Integer count;

    public String getPlatform() { return platform; }
    public Integer getCount() { return count; }
}
