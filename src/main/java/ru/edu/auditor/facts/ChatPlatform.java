package ru.edu.auditor.facts;

/** Official chats on one platform, with the platform resolved against the messenger reference list. */
public class ChatPlatform {
    private final MessengerUse platform;
    private final int count;

    public ChatPlatform(MessengerUse platform, int count) { this.platform = platform; this.count = count; }

    public MessengerUse getPlatform() { return platform; }
    public String getName() { return platform.getLabel(); }
    public int getCount() { return count; }
    public boolean isSferum() { return platform.isSferum(); }

    @Override public String toString() { return platform.getLabel() + ": " + count; }
}
