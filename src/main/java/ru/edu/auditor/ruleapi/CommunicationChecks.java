package ru.edu.auditor.ruleapi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import ru.edu.auditor.facts.ChatPlatform;
import ru.edu.auditor.facts.MessengerUse;

/**
 * Checks of the software an organization communicates with, looking at both parts of {@code communication}:
 * the programs it names ({@code messengersInUse}) and the platforms its official chats live on
 * ({@code officialChats}). Pure functions of facts returning a {@link Judgement}; the foreign-messenger check
 * itself is {@link Checks#noForeignMessengers}.
 * <p><b>Deprecated, kept for rule files written for the release before the package move</b> (they imported
 * {@code ru.edu.auditor.engine.*}, which the rule compiler now reads as {@code ru.edu.auditor.ruleapi.*}): these are
 * the readings as that release had them, unchanged, so such files compile and judge as they did. The live rules in
 * rules/ do not use this class; their readings are DRL (rules/common, rules/decrees).
 */
@Deprecated
public final class CommunicationChecks {
    private CommunicationChecks() { }

    /**
     * «Обеспечить использование программного обеспечения Сферум и ВКМессенджер в образовательной организации».
     * Reading: the software is in use when (a) at least one official chat lives on Sferum / VK Messenger
     * (Sferum's chats open in VK Messenger, so either platform counts for both), and (b) when the organization
     * named the programs it uses, Sferum or VK Messenger is among them. An empty list of programs means,
     * per the facts schema, «none besides the official chats' platforms», so it does not contradict (a).
     * Official chats elsewhere do not fail this clause (that is п. 2.3 / 3.5 territory): use, not exclusive use.
     */
    public static Judgement sferumInUse(Collection<ChatPlatform> chats, Collection<MessengerUse> uses, boolean usesReported) {
        int onSferum = 0;
        List<String> elsewhere = new ArrayList<>();
        for (ChatPlatform c : chats) {
            if (c.isSferum()) onSferum += c.getCount();
            else if (c.getCount() > 0) elsewhere.add(c.toString());
        }
        List<String> named = new ArrayList<>();
        boolean sferumNamed = false;
        for (MessengerUse u : uses) {
            named.add(u.getLabel());
            if (u.isSferum()) sferumNamed = true;
        }
        named.sort(String.CASE_INSENSITIVE_ORDER);
        elsewhere.sort(String.CASE_INSENSITIVE_ORDER);
        boolean listSilent = !usesReported || uses.isEmpty();
        List<String> problems = new ArrayList<>();
        if (onSferum == 0) {
            problems.add("ни одного служебного чата в ИКОП «Сферум» / VK Мессенджере нет"
                    + (elsewhere.isEmpty() ? "" : " (служебные чаты: " + String.join(", ", elsewhere) + ")"));
        }
        if (!listSilent && !sferumNamed) {
            problems.add("Сферум и VK Мессенджер не названы среди программ, которые организация использует (названы: "
                    + String.join(", ", named) + ")");
        }
        if (problems.isEmpty()) {
            return Judgement.of(Verdict.PASS, "Сферум и VK Мессенджер используются: служебных чатов в них — " + onSferum
                    + (listSilent ? "" : "; среди используемых программ названы: " + String.join(", ", named)) + ".",
                    "chatsOnSferum", onSferum, "inUse", named);
        }
        String text = String.join("; ", problems);
        return Judgement.of(Verdict.FAIL, "Использование Сферума и VK Мессенджера не обеспечено: " + text + ".",
                "chatsOnSferum", onSferum, "elsewhere", elsewhere, "inUse", named);
    }
}
