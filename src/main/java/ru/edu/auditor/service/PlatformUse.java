package ru.edu.auditor.service;

import java.util.Objects;
import java.util.stream.Stream;
import ru.edu.auditor.facts.AuditFacts;
import ru.edu.auditor.facts.WeeklyIndicators;
import ru.edu.auditor.law.reference.MessengerRegistry;

/**
 * Whether an organization uses the ИКОП «Сферум» platform, for «Показатель 10» of the motivating monitoring
 * (preamble of Постановление № 262 of the Sergokala district): «доля общеобразовательных организаций,
 * использующих информационно-коммуникационную образовательную платформу». Registration is not use (the
 * preamble notes critically low use at 100 % registration), so use is shown by communication on the platform:
 * at least one official chat on Sferum / VK Messenger, or at least one teacher who in the week created a group
 * chat, wrote at least 3 messages in group chats or made a call. Not using: chats or those indicators are
 * reported and none shows use. Unknown (null): neither is reported.
 */
public final class PlatformUse {
    public static final String DEFINITION = "Организация использует ИКОП «Сферум», если хотя бы один её служебный чат ведётся в Сферуме "
            + "или VK Мессенджере (сведения о служебных чатах) либо хотя бы один учитель за неделю создал групповой чат, написал в групповых "
            + "чатах не менее 3 сообщений или совершил звонок (показатели использования за проверяемый период). Одна регистрация использованием не считается. "
            + "Не использует — эти сведения есть, и ни одно условие не выполнено; нет сведений — нет ни тех, ни других.";

    private PlatformUse() { }

    /** True, false, or null when the facts do not tell. {@code current}: the audited period's indicators as the rules saw them. */
    public static Boolean of(AuditFacts facts, WeeklyIndicators current, MessengerRegistry messengers) {
        Boolean chats = null;
        if (facts.getCommunication() != null && facts.getCommunication().getOfficialChats() != null) {
            chats = facts.getCommunication().getOfficialChats().stream().anyMatch(c -> c.getCount() != null && c.getCount() > 0
                    && messengers.resolve(c.getPlatform(), "communication").isSferum());
        }
        Boolean activity = null;
        if (current != null) {
            var known = Stream.of(current.getTeachersCreatedGroupChats(), current.getTeachersWith3Messages(), current.getTeachersWith1Call())
                    .filter(Objects::nonNull).toList();
            if (!known.isEmpty()) activity = known.stream().anyMatch(v -> v > 0);
        }
        if (Boolean.TRUE.equals(chats) || Boolean.TRUE.equals(activity)) return true;
        return chats == null && activity == null ? null : false;
    }
}
