package ru.edu.auditor.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import ru.edu.auditor.facts.ChatPlatform;
import ru.edu.auditor.facts.MessengerNames;
import ru.edu.auditor.facts.MessengerUse;

/**
 * Checks of the software an organization communicates with, looking at both parts of {@code communication}:
 * the programs it names ({@code messengersInUse}) and the platforms its official chats live on
 * ({@code officialChats}). Written for Приказ МКУ «Управление образования» МО «Хасавюртовский район» № 47
 * (пп. 2.4, 3.4, 3.5); pure functions of facts returning a {@link Judgement}.
 */
public final class CommunicationChecks {
    private static final Comparator<MessengerUse> BY_LABEL = Comparator.comparing(MessengerUse::getLabel, String.CASE_INSENSITIVE_ORDER);

    private CommunicationChecks() { }

    /**
     * Foreign-owned messengers, wherever they show: a program named in {@code messengersInUse} or a platform
     * holding at least one official chat. Reading: the facts schema says an empty {@code messengersInUse}
     * means «no programs besides those in officialChats», so the chat platforms are programs in use too;
     * a WhatsApp chat is use of WhatsApp even if the list of programs leaves it out.
     * The verdict itself is {@link Checks#noForeignMessengers} (listed names, exhaustive or not; a program
     * missing from the reference list needs a person's judgement).
     * When {@code messengersInUse} was not reported, a foreign chat platform is still a known breach (FAIL);
     * otherwise the answer is NO_DATA naming {@code communication.messengersInUse}.
     */
    public static Judgement noForeignMessengers(Collection<MessengerUse> uses, Collection<ChatPlatform> chats, boolean usesReported,
                                                List<String> listed, boolean listIsExhaustive) {
        List<MessengerUse> all = new ArrayList<>(usesReported ? uses : List.of());
        for (ChatPlatform c : chats) {
            if (c.getCount() <= 0) continue;
            boolean known = false;
            for (MessengerUse u : all) if (MessengerNames.sameName(u.getCanonicalName(), c.getPlatform().getCanonicalName())) known = true;
            if (!known) all.add(c.getPlatform());
        }
        all.sort(BY_LABEL); // the working memory's order is not the auditor's: name programs alphabetically
        Judgement j = Checks.noForeignMessengers(all, listed, listIsExhaustive);
        if (usesReported) return j;
        Judgement missing = Checks.noData("communication.messengersInUse");
        return j.verdict() == Verdict.FAIL ? Checks.worst(j, missing) : missing;
    }

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
