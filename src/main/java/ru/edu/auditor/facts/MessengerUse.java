package ru.edu.auditor.facts;

/**
 * A program the organization uses for communication or education, resolved against the reference list
 * rules/reference/messengers.yaml. {@code owner} is foreign, domestic or unknown (not in the list).
 */
public class MessengerUse {
    private final String reportedName;
    private final String canonicalName;
    private final String owner;
    private final String ownerEntity;
    private final String category;
    private final String purpose;

    public MessengerUse(String reportedName, String canonicalName, String owner, String ownerEntity,
                        String category, String purpose) {
        this.reportedName = reportedName; this.canonicalName = canonicalName; this.owner = owner;
        this.ownerEntity = ownerEntity; this.category = category; this.purpose = purpose;
    }

    public String getReportedName() { return reportedName; }
    /** The reference list's name, or the reported name when the program is unknown. */
    public String getCanonicalName() { return canonicalName; }
    public String getOwner() { return owner; }
    public String getOwnerEntity() { return ownerEntity; }
    public String getCategory() { return category; }
    public String getPurpose() { return purpose; }
    public boolean isForeign() { return "foreign".equals(owner); }
    public boolean isDomestic() { return "domestic".equals(owner); }
    public boolean isUnknown() { return "unknown".equals(owner); }
    /** Sferum or VK Messenger, in which Sferum's chats live. */
    public boolean isSferum() { return MessengerNames.isSferum(canonicalName); }

    /** «WhatsApp» or «Вотсап (WhatsApp)» when the auditor wrote another spelling. */
    public String getLabel() {
        return reportedName.equals(canonicalName) ? canonicalName : reportedName + " (" + canonicalName + ")";
    }

    @Override public String toString() { return getLabel(); }
}
