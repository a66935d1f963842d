package ru.edu.auditor.service.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.store.AuditRepository;
import ru.edu.auditor.store.ChangeRecordRepository;
import ru.edu.auditor.text.Plural;

/**
 * The change record (issue 23): every change — an audit stored, a batch, an exemption recorded or revoked, a rules
 * reload, an account or token created, changed or revoked, a failed sign-in — appended here, by the services, so the
 * API, the workspace and the commands cannot record differently. An entry says who, when, from where ({@link Origin}),
 * what (a Russian summary and a structured detail) and, where there is one, the organization and municipality it
 * concerns (by key, so a reader is shown the entries of their scope). Nothing edits or deletes an entry; each carries
 * the hash of the one before, and {@link #verify} finds the first that was rewritten.
 * <p>Without a store ({@link #NONE}) nothing is kept and nothing can be read.
 */
public final class ChangeRecord {
    /** No store: nothing is recorded. */
    public static final ChangeRecord NONE = new ChangeRecord(null);

    /** What changed, as the API names it ({@code action}). */
    public enum Action {
        AUDIT_STORED("audit.stored"), BATCH_FINISHED("batch.finished"), EXEMPTION_RECORDED("exemption.recorded"),
        EXEMPTION_REVOKED("exemption.revoked"), RULES_RELOADED("rules.reloaded"), RULES_REJECTED("rules.rejected"),
        ACCOUNT_CREATED("account.created"), ACCOUNT_CHANGED("account.changed"), PASSWORD_CHANGED("account.password"),
        TOKEN_CREATED("token.created"), TOKEN_REVOKED("token.revoked"), SIGN_IN_FAILED("sign-in.failed"),
        SESSIONS_ENDED("sessions.ended");

        public final String id;

        Action(String id) { this.id = id; }
    }

    /** One entry as a reader sees it ({@code detail}: the structured what, JSON). */
    public record Entry(long seq, Instant at, String actor, String address, String action, String summary, JsonNode detail,
                        String organizationKey, String municipalityKey) { }

    /** The outcome of {@link #verify}: entries checked, and the first broken one (null: the chain is whole). */
    public record Verification(long checked, Long firstBad, String problem) {
        public boolean intact() { return firstBad == null; }

        /** The result in Russian, for the terminal and the page. */
        public String inWords() {
            if (intact()) return "Журнал изменений цел: " + Plural.count(checked, "запись проверена", "записи проверены", "записей проверено") + ".";
            return "Журнал изменений изменён задним числом: запись № " + firstBad + " — " + problem + ". Записи после неё не проверялись.";
        }
    }

    private final ChangeRecordRepository store;

    private ChangeRecord(ChangeRecordRepository store) { this.store = store; }

    /** The record of {@code store} (null: {@link #NONE}). */
    public static ChangeRecord of(AuditRepository store) { return store == null ? NONE : new ChangeRecord(store.changeRecord()); }

    /** Whether entries are kept (there is a store). */
    public boolean keeps() { return store != null; }

    /**
     * Appends an entry by {@code actor} from the current {@link Origin}; completes when it is stored. {@code detail}:
     * keys and values of the structured what (null values are left out).
     */
    public CompletableFuture<Void> append(String actor, Action action, String summary, Map<String, ?> detail, String organizationKey,
                                          String municipalityKey) {
        return append(actor, Origin.current(), action, summary, detail, organizationKey, municipalityKey);
    }

    /** The same from {@code address} (taken by the caller while it still served the request). */
    public CompletableFuture<Void> append(String actor, String address, Action action, String summary, Map<String, ?> detail,
                                          String organizationKey, String municipalityKey) {
        if (store == null) return CompletableFuture.completedFuture(null);
        Map<String, Object> d = new LinkedHashMap<>();
        if (detail != null) detail.forEach((k, v) -> { if (v != null) d.put(k, v); });
        String json;
        try {
            json = Json.mapper().writeValueAsString(d);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("detail not serialisable", e);
        }
        return store.append(new ChangeRecordRepository.New(actor, address, action.id, summary, json, organizationKey, municipalityKey))
                .thenApply(e -> null);
    }

    /** The same, waiting until the entry is stored (a store that fails throws). */
    public void appendNow(String actor, Action action, String summary, Map<String, ?> detail, String organizationKey, String municipalityKey) {
        try {
            append(actor, action, summary, detail, organizationKey, municipalityKey).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Appends an entry from {@code address} that concerns no organization, waiting until it is stored. */
    public void appendNow(String actor, String address, Action action, String summary, Map<String, ?> detail) {
        try {
            append(actor, address, action, summary, detail, null, null).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * A page of entries, newest first, numbers below {@code before} (null: the newest), at most {@code limit};
     * {@code filter} (null: every entry) keeps those of the given municipality and organization keys.
     */
    public List<Entry> page(Long before, int limit, Filter filter) {
        if (store == null) return List.of();
        return store.page(before, limit, filter == null ? null : filter.municipalityKeys(), filter == null ? null : filter.organizationKeys())
                .stream().map(ChangeRecord::entry).toList();
    }

    /** Which entries a reader sees: those of these municipalities or these organizations (by key). */
    public record Filter(List<String> municipalityKeys, List<String> organizationKeys) { }

    /** Walks the whole record, oldest first, and checks every entry's number, link and hash. */
    public Verification verify() {
        if (store == null) return new Verification(0, null, null);
        long[] checked = {0};
        AtomicReference<Verification> bad = new AtomicReference<>();
        String[] previous = {ChangeRecordRepository.GENESIS};
        store.each(e -> {
            if (bad.get() != null) return;
            long expected = checked[0] + 1;
            if (e.seq() != expected) {
                bad.set(new Verification(checked[0], expected, e.seq() > expected
                        ? "отсутствует (следующая сохранённая запись — № " + e.seq() + "), её удалили"
                        : "повторяется"));
                return;
            }
            if (!e.previousHash().equals(previous[0])) {
                bad.set(new Verification(checked[0], e.seq(), "не продолжает предыдущую запись (хеш предыдущей записи не совпадает): предыдущую запись изменили или удалили"));
                return;
            }
            if (!ChangeRecordRepository.hash(e).equals(e.entryHash())) {
                bad.set(new Verification(checked[0], e.seq(), "её содержание не совпадает с хешем, записанным при её добавлении: запись изменили"));
                return;
            }
            previous[0] = e.entryHash();
            checked[0]++;
        });
        return bad.get() != null ? bad.get() : new Verification(checked[0], null, null);
    }

    private static Entry entry(ChangeRecordRepository.Entry e) {
        JsonNode detail;
        try {
            detail = Json.mapper().readTree(e.detail());
        } catch (JsonProcessingException malformed) {
            detail = Json.mapper().getNodeFactory().textNode(e.detail());
        }
        return new Entry(e.seq(), e.recordedAt(), e.actor(), e.address(), e.action(), e.summary(), detail, e.organizationKey(), e.municipalityKey());
    }
}
