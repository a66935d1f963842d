package ru.edu.auditor.service.rounds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ru.edu.auditor.facts.FieldProblem;
import ru.edu.auditor.facts.Json;
import ru.edu.auditor.facts.Organization;
import ru.edu.auditor.formats.documents.RoundBoardDocuments;
import ru.edu.auditor.formats.sheets.FormReader;
import ru.edu.auditor.formats.sheets.OrganizationList;
import ru.edu.auditor.formats.sheets.RoundBoardWorkbook;
import ru.edu.auditor.formats.sheets.WorkbookRejected;
import ru.edu.auditor.law.catalog.Applicability;
import ru.edu.auditor.law.catalog.OrganizationKey;
import ru.edu.auditor.law.catalog.OrgKinds;
import ru.edu.auditor.report.Rollup;
import ru.edu.auditor.report.RoundBoard;
import ru.edu.auditor.service.AuditService;
import ru.edu.auditor.service.FactsValidator;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.LatestAudit;
import ru.edu.auditor.service.RollupBuilder;
import ru.edu.auditor.service.access.Accounts;
import ru.edu.auditor.service.access.Passwords;
import ru.edu.auditor.service.access.Role;
import ru.edu.auditor.service.access.Scope;
import ru.edu.auditor.service.access.Visibility;
import ru.edu.auditor.service.access.Tokens.Principal;
import ru.edu.auditor.service.intake.SheetIntake;
import ru.edu.auditor.store.RoundRepository;
import ru.edu.auditor.store.RoundRepository.AnswerRow;
import ru.edu.auditor.store.RoundRepository.AskedRow;
import ru.edu.auditor.store.RoundRepository.ReminderRow;
import ru.edu.auditor.store.RoundRepository.RoundRow;

/**
 * Monitoring rounds: an auditor asks the organizations of a municipality for the facts of one week or month by a due
 * date; each organization (a school user, or an auditor on its behalf) answers with the audit form or workbook, every
 * answer an audit stored through {@link AuditService} and linked to the round, each correction a new version until the
 * round closes; the board shows who answered, who is late and who has not answered yet, with the round's roll-up by
 * clause; those who have not answered are reminded by e-mail when the installation has a mail server.
 * <p>A round that repeats opens its next round when the next period has begun, on the first read of the rounds after
 * that (lazily, {@link #catchUp}): no timer runs in the server, nothing happens while nobody looks, several servers on
 * one PostgreSQL open one round per period (the store's unique constraint; the loser's insert does nothing), and a
 * server that was down for weeks opens the missed periods' rounds when it is next asked.
 */
public final class RoundService {
    /** A schedule left alone this long is caught up by at most this many rounds at once (a read is never made slow by a forgotten schedule). */
    static final int MAX_CATCH_UP = 60;
    static final int MAX_NAME = 200;
    static final String SCHEDULE = "по расписанию";
    private static final Logger log = LoggerFactory.getLogger(RoundService.class);

    private final AuditService audits;
    private final HistoryQueries history;
    private final RoundRepository rounds;
    private final Mailer mailer;
    private final OrganizationAddresses addresses;
    private final Clock clock;

    /** {@code mail}: the installation's mail server, or null (then reminders are only listed). */
    public RoundService(AuditService audits, HistoryQueries history, MailSettings mail, OrganizationAddresses addresses, Clock clock) {
        this.audits = audits;
        this.history = history;
        this.rounds = history.store().rounds();
        this.mailer = mail == null ? null : new Mailer(mail);
        this.addresses = addresses == null ? OrganizationAddresses.NONE : addresses;
        this.clock = clock;
    }

    /** A round as the front ends see it (the store's row, as is). */
    public record Round(String id, String seriesId, String name, String cadence, LocalDate periodFrom, LocalDate periodTo, LocalDate dueOn,
                        boolean repeats, String region, String municipality, String openedBy, Instant openedAt, String closedBy, Instant closedAt) {
        public boolean closed() { return closedAt != null; }

        static Round of(RoundRow r) {
            return new Round(r.id(), r.seriesId(), r.name(), r.cadence(), r.periodFrom(), r.periodTo(), r.dueOn(), r.repeats(), r.region(),
                    r.municipality(), r.openedBy(), r.openedAt(), r.closedBy(), r.closedAt());
        }
    }

    /** An organization a round asks; {@code contactEmail} as its uploaded list gave it (may be null). */
    public record AskedOrganization(String organizationKey, String organizationId, String name, String kind, String region, String municipality,
                                    String contactEmail) {
        static AskedOrganization of(AskedRow a) {
            return new AskedOrganization(a.organizationKey(), a.organizationId(), a.name(), a.kind(), a.region(), a.municipality(), a.contactEmail());
        }
    }

    /** One version of an organization's answer, with its audit's date and status; {@code onBehalf}: an auditor answered for it. */
    public record AnswerVersion(String organizationKey, int version, String decisionId, String answeredBy, boolean onBehalf, String via,
                                Instant answeredAt, LocalDate asOf, String status) {
        static AnswerVersion of(AnswerRow a) {
            return new AnswerVersion(a.organizationKey(), a.version(), a.decisionId(), a.answeredBy(), a.onBehalf(), a.via(), a.answeredAt(), a.asOf(),
                    a.status());
        }
    }

    /** A reminder sent: to whom, when, by whom, with what outcome. */
    public record SentReminder(String organizationKey, String address, Instant sentAt, String sentBy, String outcome) {
        static SentReminder of(ReminderRow r) { return new SentReminder(r.organizationKey(), r.address(), r.sentAt(), r.sentBy(), r.outcome()); }
    }

    /** Rounds whose reminders are only listed (no mail server), on the system clock, addresses from the store's accounts. */
    public static RoundService unmailed(AuditService audits, HistoryQueries history) {
        return new RoundService(audits, history, null, new AccountAddresses(new Accounts(history.store(), new Passwords())), Clock.systemUTC());
    }

    /** The mail server reminders go through, or null when none is configured. */
    public MailSettings mail() { return mailer == null ? null : mailer.settings(); }

    public LocalDate today() { return LocalDate.now(clock.withZone(RoundBoard.ZONE)); }

    // ------------------------------------------------------------------------------------------- opening

    /** Where the organizations asked come from. */
    public enum Source { municipality, picked, uploaded }

    /**
     * A round to open. {@code periodFrom}: the Monday of the week or the first of the month; {@code kinds}: with
     * {@link Source#municipality}, the kinds asked (empty: every kind); {@code picked}: organization keys of stored
     * organizations; {@code uploaded}: the list read from a workbook.
     */
    public record OpenRequest(String name, String cadence, LocalDate periodFrom, LocalDate dueOn, boolean repeats, String municipality, String region,
                              Source source, List<String> kinds, List<String> picked, List<OrganizationList.Listed> uploaded) { }

    /** Opens a round as {@code who}; every problem of the request at once ({@link RoundRefused.Kind#INVALID}). */
    public Round open(Principal who, OpenRequest r) {
        requireAuditor(who);
        List<FieldProblem> problems = new ArrayList<>();
        String name = r.name() == null ? "" : r.name().strip();
        if (name.isEmpty()) problems.add(new FieldProblem("$.name", "укажите название мониторинга", "required"));
        else if (name.length() > MAX_NAME) problems.add(new FieldProblem("$.name", "название длиннее " + MAX_NAME + " знаков", "maxLength"));
        Cadence cadence = Cadence.of(r.cadence());
        if (cadence == null) problems.add(new FieldProblem("$.cadence", "период — неделя (week) или месяц (month)", "enum"));
        if (r.periodFrom() == null) problems.add(new FieldProblem("$.periodFrom", "укажите начало периода", "required"));
        else if (cadence != null && !cadence.startsOn(r.periodFrom())) {
            problems.add(new FieldProblem("$.periodFrom", cadence == Cadence.week
                    ? "неделя начинается с понедельника: " + ru.edu.auditor.text.Fmt.date(r.periodFrom()) + " не понедельник (понедельник той недели — "
                    + ru.edu.auditor.text.Fmt.date(cadence.startOf(r.periodFrom())) + ")"
                    : "месяц начинается с первого числа (" + ru.edu.auditor.text.Fmt.date(cadence.startOf(r.periodFrom())) + ")", "period"));
        }
        LocalDate periodTo = cadence != null && r.periodFrom() != null && cadence.startsOn(r.periodFrom()) ? cadence.endOf(r.periodFrom()) : null;
        if (r.dueOn() == null) problems.add(new FieldProblem("$.dueOn", "укажите срок ответа", "required"));
        else if (periodTo != null && r.dueOn().isBefore(periodTo)) {
            problems.add(new FieldProblem("$.dueOn", "срок ответа раньше конца периода (" + ru.edu.auditor.text.Fmt.date(periodTo)
                    + "): сведения за период можно дать только после его окончания или в его последний день", "dueOn"));
        } else if (periodTo != null && r.dueOn().isAfter(periodTo.plusDays(90))) {
            problems.add(new FieldProblem("$.dueOn", "срок ответа позже 90 дней после конца периода", "dueOn"));
        }
        String municipality = r.municipality() == null ? "" : r.municipality().strip();
        String region = r.region() == null || r.region().isBlank() ? null : r.region().strip();
        if (municipality.isEmpty()) problems.add(new FieldProblem("$.municipality", "укажите муниципалитет, организации которого опрашиваются", "required"));
        else if (!visibleMunicipality(who, region, municipality)) {
            problems.add(new FieldProblem("$.municipality", "муниципалитет «" + municipality + "» вне вашей области доступа (" + who.scope().inWords() + ")", "scope"));
        }
        List<AskedRow> asked = new ArrayList<>();
        if (r.source() == null) problems.add(new FieldProblem("$.source", "укажите, какие организации опрашиваются", "required"));
        else if (!municipality.isEmpty() && problems.stream().noneMatch(p -> p.path().equals("$.municipality"))) {
            asked = asked(who, r, municipality, region, problems);
        }
        if (!problems.isEmpty()) throw RoundRefused.invalid(problems);
        String id = newId();
        RoundRow row = new RoundRow(id, id, name, cadence.name(), r.periodFrom(), periodTo, r.dueOn(), r.repeats(), region, municipality,
                Applicability.placeKey(municipality), who.name(), now(), null, null);
        rounds.insert(row, asked);
        log.info("Мониторинг {} открыт: {}, период {}–{}", id, ru.edu.auditor.text.Plural.count(asked.size(), "организация", "организации", "организаций"),
                r.periodFrom(), periodTo);
        return Round.of(row);
    }

    private List<AskedRow> asked(Principal who, OpenRequest r, String municipality, String region, List<FieldProblem> problems) {
        Set<String> keys = OrganizationKey.municipalityKeys(municipality, audits.rules().current().catalog());
        Map<String, AskedRow> out = new LinkedHashMap<>();
        switch (r.source()) {
            case municipality, picked -> {
                Set<String> kinds = r.kinds() == null ? Set.of() : new LinkedHashSet<>(r.kinds());
                Set<String> picked = r.picked() == null ? Set.of() : new LinkedHashSet<>(r.picked());
                if (r.source() == Source.picked && picked.isEmpty()) {
                    problems.add(new FieldProblem("$.picked", "выберите хотя бы одну организацию", "required"));
                    return List.of();
                }
                Set<String> found = new LinkedHashSet<>();
                for (LatestAudit a : history.organizations(who)) {
                    if (!keys.contains(Applicability.placeKey(a.municipality()))) continue;
                    if (!visibleOrganization(who, null, a.municipality(), a.organizationKey())) continue;
                    if (r.source() == Source.municipality && !kinds.isEmpty() && !kinds.contains(a.organizationKind())) continue;
                    if (r.source() == Source.picked && !picked.contains(a.organizationKey())) continue;
                    found.add(a.organizationKey());
                    out.putIfAbsent(a.organizationKey(), new AskedRow(a.organizationKey(), out.size(), null, a.organizationName(), a.organizationKind(), region,
                            a.municipality(), null));
                }
                if (r.source() == Source.picked) {
                    for (String k : picked) {
                        if (!found.contains(k)) problems.add(new FieldProblem("$.picked", "организации «" + k + "» нет среди известных организаций муниципалитета", "unknown"));
                    }
                }
                if (out.isEmpty() && problems.isEmpty()) {
                    problems.add(new FieldProblem(r.source() == Source.municipality ? "$.kinds" : "$.picked", "в муниципалитете «" + municipality + "» нет сохранённых проверок"
                            + (kinds.isEmpty() ? "" : " организаций видов: " + String.join(", ", kinds.stream().map(OrgKinds::label).toList()))
                            + " — опрашивать некого; загрузите список организаций", "empty"));
                }
            }
            case uploaded -> {
                if (r.uploaded() == null || r.uploaded().isEmpty()) {
                    problems.add(new FieldProblem("$.organizations", "в списке нет ни одной организации", "required"));
                    return List.of();
                }
                int i = 0;
                for (OrganizationList.Listed l : r.uploaded()) {
                    String path = "$.organizations[" + i++ + "]";
                    String m = l.municipality() == null ? municipality : l.municipality();
                    if (!keys.contains(Applicability.placeKey(m))) {
                        problems.add(new FieldProblem(path + ".municipality", (l.cell() == null ? "" : l.cell() + ": ") + "«" + l.name() + "» — муниципалитет «" + m
                                + "», а мониторинг — для «" + municipality + "»", "municipality", l.cell()));
                        continue;
                    }
                    String kind = l.kind() == null ? "general" : l.kind();
                    String key = OrganizationKey.of(organization(l.id(), l.name(), kind, l.region() == null ? region : l.region(), m));
                    if (out.containsKey(key)) {
                        problems.add(new FieldProblem(path + ".name", (l.cell() == null ? "" : l.cell() + ": ") + "«" + l.name() + "» указана в списке дважды",
                                "duplicate", l.cell()));
                        continue;
                    }
                    out.put(key, new AskedRow(key, out.size(), l.id(), l.name(), kind, l.region() == null ? region : l.region(), m, l.email()));
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    // ------------------------------------------------------------------------------------------- reading

    /** A round with its answer counts, for lists. */
    public record Summary(Round round, String period, int asked, int answered, int late, boolean overdue) { }

    /** The rounds {@code who} sees (auditors: their scope's), the latest period first; repeating schedules caught up first. */
    public List<Summary> list(Principal who) {
        requireAuditor(who);
        catchUp();
        List<Summary> out = new ArrayList<>();
        for (RoundRow r : rounds.all()) {
            if (!visibleMunicipality(who, r.region(), r.municipality())) continue;
            RoundBoard b = board(r, who);
            out.add(new Summary(Round.of(r), Cadence.of(r.cadence()).period(r.periodFrom()), b.asked(), (int) b.count(RoundBoard.State.ANSWERED),
                    (int) b.count(RoundBoard.State.LATE), !r.closed() && today().isAfter(r.dueOn())));
        }
        return out;
    }

    /** A round as its organization sees it: its period, due date, its latest answer (null: none yet). */
    public record Mine(Round round, String period, AskedOrganization organization, RoundBoard.Line line) { }

    /**
     * The rounds that ask {@code who}'s organization (a school user: scope of one organization), open ones first, then
     * closed ones, the latest period first. Empty for a caller without an organization.
     */
    public List<Mine> mine(Principal who) {
        catchUp();
        if (!(who.scope() instanceof Scope.Organization o)) return List.of();
        List<Mine> open = new ArrayList<>(), closed = new ArrayList<>();
        for (RoundRow r : rounds.asking(o.key())) {
            RoundBoard b = board(r, who);
            RoundBoard.Line line = b.lines().stream().filter(l -> l.organizationKey().equals(o.key())).findFirst().orElse(null);
            AskedRow asked = rounds.asked(r.id()).stream().filter(a -> a.organizationKey().equals(o.key())).findFirst().orElse(null);
            (r.closed() ? closed : open).add(new Mine(Round.of(r), Cadence.of(r.cadence()).period(r.periodFrom()), asked == null ? null : AskedOrganization.of(asked), line));
        }
        open.addAll(closed);
        return open;
    }

    /** The round, if {@code who} may see it (an auditor in scope; a school asked by it). */
    public Optional<Round> find(Principal who, String roundId) { return row(who, roundId).map(Round::of); }

    private Optional<RoundRow> row(Principal who, String roundId) {
        if (roundId == null || roundId.indexOf('\u0000') >= 0) return Optional.empty();
        catchUp();
        return rounds.find(roundId).filter(r -> mayRead(who, r));
    }

    /** The round's board as {@code who} sees it (404 outside their scope). */
    public RoundBoard board(Principal who, String roundId) {
        requireAuditor(who);
        RoundRow r = row(who, roundId).orElseThrow(() -> RoundRefused.notFound("Мониторинг не найден."));
        return board(r, who);
    }

    private RoundBoard board(RoundRow r, Principal who) {
        LocalDate today = today();
        Map<String, List<AnswerRow>> answers = new HashMap<>();
        for (AnswerRow a : rounds.answers(r.id())) answers.computeIfAbsent(a.organizationKey(), k -> new ArrayList<>()).add(a);
        List<RoundBoard.Line> lines = new ArrayList<>();
        for (AskedRow a : rounds.asked(r.id())) {
            if (!visibleOrganization(who, a.region(), a.municipality(), a.organizationKey())) continue;
            List<AnswerRow> given = answers.getOrDefault(a.organizationKey(), List.of());
            String kind = OrgKinds.label(a.kind());
            if (given.isEmpty()) {
                boolean late = today.isAfter(r.dueOn());
                lines.add(new RoundBoard.Line(a.organizationKey(), a.name(), kind, late ? RoundBoard.State.LATE : RoundBoard.State.WAITING, null, null, false,
                        null, 0, null, null, false, a.contactEmail()));
            } else {
                AnswerRow last = given.get(given.size() - 1);
                boolean afterDue = LocalDate.ofInstant(given.get(0).answeredAt(), RoundBoard.ZONE).isAfter(r.dueOn());
                lines.add(new RoundBoard.Line(a.organizationKey(), a.name(), kind, RoundBoard.State.ANSWERED, last.answeredAt(), last.answeredBy(),
                        last.onBehalf(), last.via(), given.size(), last.decisionId(), last.status(), afterDue, a.contactEmail()));
            }
        }
        RoundRepository.Latest latest = rounds.latestAnswers(r.id());
        Rollup rollup = RollupBuilder.ofAnswers(r.municipality(), r.region(), r.periodTo(), List.of(r.municipalityKey()), latest.counts(),
                latest.audits(), audits.rules().current().catalog());
        return new RoundBoard(r.id(), r.name(), r.cadence(), Cadence.of(r.cadence()).period(r.periodFrom()), r.periodFrom(), r.periodTo(), r.dueOn(),
                r.municipality(), r.closed(), today, lines, rollup.decrees());
    }

    /** Every version of every answer of the round {@code who} sees (auditors: in scope; a school: its own). */
    public List<AnswerVersion> answers(Principal who, String roundId) {
        RoundRow r = row(who, roundId).orElseThrow(() -> RoundRefused.notFound("Мониторинг не найден."));
        Map<String, AskedRow> asked = new HashMap<>();
        for (AskedRow a : rounds.asked(r.id())) asked.put(a.organizationKey(), a);
        return rounds.answers(r.id()).stream().filter(a -> {
            AskedRow o = asked.get(a.organizationKey());
            return o != null && visibleOrganization(who, o.region(), o.municipality(), o.organizationKey());
        }).map(AnswerVersion::of).toList();
    }

    /** The report (JSON text) of an answer to the round, if {@code who} may read it. */
    public Optional<String> answerReport(Principal who, String roundId, String decisionId) {
        return answers(who, roundId).stream().filter(a -> a.decisionId().equals(decisionId)).findFirst().flatMap(a -> history.report(who, a.decisionId()));
    }

    // ------------------------------------------------------------------------------------------- answering

    /** An answer: the audit's outcome and the version recorded, or the problems (then nothing was stored). */
    public record Answer(AuditService.Outcome outcome, int version, List<FieldProblem> problems) {
        public boolean ok() { return outcome != null && outcome.ok() && problems.isEmpty(); }
    }

    /**
     * The facts document the answer form starts from: the organization's latest answer to this round, else its latest
     * stored audit, else nothing but the organization; with the organization as the round asks it and the date and
     * period set to the round's (asOf: the last day of the period).
     */
    public ObjectNode prefill(Principal who, String roundId, String organizationKey) {
        AskedRows a = askedRows(who, roundId, organizationKey);
        String facts = null;
        List<AnswerRow> own = rounds.answers(roundId).stream().filter(x -> x.organizationKey().equals(organizationKey)).toList();
        if (!own.isEmpty()) facts = history.store().find(own.get(own.size() - 1).decisionId()).map(s -> s.facts()).orElse(null);
        if (facts == null) facts = history.latestFacts(who, organizationKey).orElse(null);
        ObjectNode doc;
        try {
            doc = facts == null ? Json.mapper().createObjectNode() : (ObjectNode) Json.mapper().readTree(facts);
        } catch (IOException | ClassCastException e) {
            doc = Json.mapper().createObjectNode();
        }
        // the organization as the round asks it; what the previous answer said beyond that (its region) is kept
        ObjectNode org = doc.path("organization") instanceof ObjectNode previous ? previous : doc.putObject("organization");
        if (a.asked().organizationId() != null) org.put("id", a.asked().organizationId());
        org.put("name", a.asked().name());
        org.put("kind", a.asked().kind());
        if (a.asked().region() != null) org.put("region", a.asked().region());
        org.put("municipality", a.asked().municipality());
        doc.put("asOf", a.round().periodTo().toString());
        ObjectNode period = doc.putObject("period");
        period.put("from", a.round().periodFrom().toString());
        period.put("to", a.round().periodTo().toString());
        return doc;
    }

    /** The organization as the round asks it, with the round, for the answer pages. */
    public record Asked(Round round, AskedOrganization asked) { }

    private record AskedRows(RoundRow round, AskedRow asked) { }

    /** The round and the organization {@code who} may answer for (404 otherwise; the round must be open). */
    public Asked askedFor(Principal who, String roundId, String organizationKey) {
        AskedRows a = askedRows(who, roundId, organizationKey);
        return new Asked(Round.of(a.round()), AskedOrganization.of(a.asked()));
    }

    private AskedRows askedRows(Principal who, String roundId, String organizationKey) {
        RoundRow r = row(who, roundId).orElseThrow(() -> RoundRefused.notFound("Мониторинг не найден."));
        AskedRow a = rounds.asked(r.id()).stream().filter(x -> x.organizationKey().equals(organizationKey))
                .filter(x -> visibleOrganization(who, x.region(), x.municipality(), x.organizationKey())).findFirst()
                .orElseThrow(() -> RoundRefused.notFound("Этот мониторинг не опрашивает такую организацию."));
        return new AskedRows(r, a);
    }

    /**
     * Answers round {@code roundId} for {@code organizationKey} with the facts {@code doc} ({@code via}: form, workbook or
     * api): the facts must be that organization's and describe the round's period; the audit is stored and linked as
     * the organization's next version. An auditor answers on the organization's behalf.
     */
    public Answer answer(Principal who, String roundId, String organizationKey, JsonNode doc, String via) {
        AskedRows a = askedRows(who, roundId, organizationKey);
        if (a.round().closed()) {
            throw new RoundRefused(RoundRefused.Kind.CLOSED, "Мониторинг «" + a.round().name() + "» закрыт " + ru.edu.auditor.text.Fmt.date(
                    LocalDate.ofInstant(a.round().closedAt(), RoundBoard.ZONE)) + ": ответы и исправления больше не принимаются.", List.of());
        }
        List<FieldProblem> problems = roundProblems(a, doc);
        if (!problems.isEmpty()) {
            List<FieldProblem> all = new ArrayList<>(problems);
            if (doc != null && doc.isObject()) for (FieldProblem p : FactsValidator.validate(doc)) if (all.stream().noneMatch(x -> x.path().equals(p.path()))) all.add(p);
            return new Answer(null, 0, all);
        }
        AuditService.Outcome o = audits.audit(doc, who);
        if (!o.ok()) return new Answer(o, 0, o.problems());
        if (!o.stored()) throw new IllegalStateException("rounds need a store");
        boolean own = who.role() == Role.school && who.scope() instanceof Scope.Organization mine && mine.key().equals(organizationKey);
        boolean onBehalf = !own;
        int version = rounds.addAnswer(roundId, organizationKey, o.report().decisionId(), who.name(), onBehalf, via, now());
        return new Answer(o, version, List.of());
    }

    /** The same with the organization workbook in {@code file}: its cell problems, else the answer (problems named by cell). */
    public Answer answerWorkbook(Principal who, String roundId, String organizationKey, Path file) throws WorkbookRejected {
        askedFor(who, roundId, organizationKey);
        FormReader.Intake intake = new SheetIntake().readOrganization(file);
        if (!intake.problems().isEmpty()) {
            List<FieldProblem> all = new ArrayList<>(intake.problems());
            all.addAll(intake.cells().locate(FactsValidator.validate(intake.doc())).stream()
                    .filter(p -> intake.problems().stream().noneMatch(c -> c.path().equals(p.path()))).toList());
            return new Answer(null, 0, all);
        }
        Answer answer = answer(who, roundId, organizationKey, intake.doc(), "workbook");
        if (answer.ok()) return answer;
        return new Answer(answer.outcome(), 0, intake.cells().locate(answer.problems()));
    }

    /** What ties an answer to its round: the organization asked and the round's period. */
    private static List<FieldProblem> roundProblems(AskedRows a, JsonNode doc) {
        List<FieldProblem> out = new ArrayList<>();
        if (doc == null || !doc.isObject()) {
            out.add(new FieldProblem("$", "ожидается JSON-объект со сведениями об организации", "type"));
            return out;
        }
        JsonNode org = doc.path("organization");
        if (org.isObject() && org.path("name").isTextual() && org.path("municipality").isTextual()) {
            String id = org.path("id").isTextual() ? org.path("id").asText() : null;
            Organization given = organization(id, org.path("name").asText(), org.path("kind").asText(null), null, org.path("municipality").asText());
            AskedRow asked = a.asked();
            String askedNameKey = OrganizationKey.nameKey(asked.name(), asked.municipality());
            if (!OrganizationKey.same(asked.organizationKey(), askedNameKey, OrganizationKey.of(given), OrganizationKey.nameKey(given.getName(), given.getMunicipality()))) {
                out.add(new FieldProblem("$.organization.name", "сведения о другой организации: мониторинг ждёт ответа «" + asked.name() + "» ("
                        + asked.municipality() + ")", "round"));
            }
        }
        RoundRow r = a.round();
        LocalDate asOf = date(doc.path("asOf"));
        if (asOf != null && (asOf.isBefore(r.periodFrom()) || asOf.isAfter(r.periodTo()))) {
            out.add(new FieldProblem("$.asOf", "дата сведений " + ru.edu.auditor.text.Fmt.date(asOf) + " вне периода мониторинга ("
                    + Cadence.of(r.cadence()).period(r.periodFrom()) + ")", "round"));
        }
        JsonNode period = doc.path("period");
        if (period.isObject()) {
            LocalDate from = date(period.path("from")), to = date(period.path("to"));
            if (from != null && to != null && (!from.equals(r.periodFrom()) || !to.equals(r.periodTo()))) {
                out.add(new FieldProblem("$.period", "период сведений " + ru.edu.auditor.text.Fmt.date(from) + "–" + ru.edu.auditor.text.Fmt.date(to)
                        + " не совпадает с периодом мониторинга (" + Cadence.of(r.cadence()).period(r.periodFrom()) + ")", "round"));
            }
        }
        return out;
    }

    private static LocalDate date(JsonNode n) {
        if (!n.isTextual()) return null;
        try {
            return LocalDate.parse(n.asText());
        } catch (java.time.DateTimeException e) {
            return null; // the facts validator names it
        }
    }

    private static Organization organization(String id, String name, String kind, String region, String municipality) {
        ObjectNode n = Json.mapper().createObjectNode();
        if (id != null) n.put("id", id);
        n.put("name", name);
        if (kind != null) n.put("kind", kind);
        if (region != null) n.put("region", region);
        n.put("municipality", municipality);
        return Json.mapper().convertValue(n, Organization.class);
    }

    // ------------------------------------------------------------------------------------------- closing, reminding, exports

    /** Closes the round: no answer or correction is taken afterwards. False when it was closed already. */
    public boolean close(Principal who, String roundId) {
        requireAuditor(who);
        RoundRow r = row(who, roundId).orElseThrow(() -> RoundRefused.notFound("Мониторинг не найден."));
        return rounds.close(r.id(), who.name(), now());
    }

    /** One organization to remind: where the reminder goes and what became of it. */
    public record Reminder(String organizationKey, String name, RoundBoard.State state, List<String> addresses, String outcome) { }

    /**
     * Who would be reminded (every organization that has not answered, with its addresses: its accounts' and the
     * list's contact), {@code sent}: whether the mail server took them now; {@code mailConfigured}: whether one is set.
     */
    public record Reminders(boolean mailConfigured, boolean sent, List<Reminder> reminders, List<SentReminder> history) {
        /** The addresses, one list the auditor can copy into a mail program («a@x.ru; b@y.ru»). */
        public String copyList() {
            return String.join("; ", reminders.stream().flatMap(r -> r.addresses().stream()).distinct().toList());
        }

        /** Organizations without any address. */
        public List<Reminder> withoutAddress() { return reminders.stream().filter(r -> r.addresses().isEmpty()).toList(); }
    }

    /** The reminders of the round as they would go now, nothing sent. */
    public Reminders reminders(Principal who, String roundId) {
        RoundBoard b = board(who, roundId);
        return new Reminders(mailer != null, false, targets(b, null), history(b.roundId()));
    }

    /**
     * Sends a reminder to every organization of the round that has not answered (late or not yet), one message each to
     * its addresses, when a mail server is configured; every attempt is recorded. Without a mail server nothing is sent
     * and the list is given back to copy.
     */
    public Reminders remind(Principal who, String roundId) {
        RoundBoard b = board(who, roundId);
        if (b.closed()) throw new RoundRefused(RoundRefused.Kind.CLOSED, "Мониторинг закрыт: напоминать больше некому.", List.of());
        if (mailer == null) return new Reminders(false, false, targets(b, null), history(b.roundId()));
        Map<String, String> outcomes = new HashMap<>();
        List<ReminderRow> record = new ArrayList<>();
        Instant now = now();
        for (Reminder r : targets(b, null)) {
            if (r.addresses().isEmpty()) continue;
            String outcome;
            try {
                mailer.send(r.addresses(), subject(b), body(b, r));
                outcome = "отправлено";
            } catch (MessagingException | RuntimeException e) {
                log.warn("Напоминание по мониторингу {} для {} не отправлено: {}", b.roundId(), r.organizationKey(), e.getMessage());
                outcome = "не отправлено: почтовый сервер не принял письмо";
            }
            outcomes.put(r.organizationKey(), outcome);
            for (String address : r.addresses()) record.add(new ReminderRow(r.organizationKey(), address, now, who.name(), outcome));
        }
        rounds.reminded(b.roundId(), record);
        return new Reminders(true, true, targets(b, outcomes), history(b.roundId()));
    }

    private List<SentReminder> history(String roundId) { return rounds.reminders(roundId).stream().map(SentReminder::of).toList(); }

    private List<Reminder> targets(RoundBoard b, Map<String, String> outcomes) {
        List<Reminder> out = new ArrayList<>();
        for (RoundBoard.Line l : b.lines()) {
            if (l.state() == RoundBoard.State.ANSWERED) continue;
            Set<String> to = new LinkedHashSet<>(addresses.of(l.organizationKey()));
            if (l.contact() != null) to.add(l.contact());
            String outcome = outcomes == null ? null : outcomes.getOrDefault(l.organizationKey(), to.isEmpty() ? "не отправлено: нет адреса" : null);
            out.add(new Reminder(l.organizationKey(), l.name(), l.state(), List.copyOf(to), outcome));
        }
        return out;
    }

    static String subject(RoundBoard b) {
        return "Напоминание: мониторинг «" + b.name() + "» (" + b.period() + "), срок ответа " + ru.edu.auditor.text.Fmt.date(b.dueOn());
    }

    static String body(RoundBoard b, Reminder r) {
        String due = r.state() == RoundBoard.State.LATE
                ? "Срок ответа истёк " + ru.edu.auditor.text.Fmt.date(b.dueOn()) + "; просим ответить как можно скорее."
                : "Срок ответа — " + ru.edu.auditor.text.Fmt.date(b.dueOn()) + " включительно.";
        return "Здравствуйте!\n\n" + r.name() + " пока не ответила на мониторинг «" + b.name() + "» за период: " + b.period() + " ("
                + b.municipality() + ").\n" + due + "\n\nОтветить можно в рабочем месте аудитора, раздел «Мои мониторинги»: заполните форму сведений"
                + " или загрузите книгу Excel с формой организации.\n\nЭто письмо отправлено автоматически; отвечать на него не нужно.\n";
    }

    /** The board as a workbook. */
    public void workbook(RoundBoard board, OutputStream out) throws IOException { RoundBoardWorkbook.write(board, out); }

    /** The board as a PDF. */
    public byte[] pdf(RoundBoard board) { return RoundBoardDocuments.pdf(board); }

    /** The organizations of a municipality known from stored audits (for picking), in {@code who}'s scope. */
    public List<LatestAudit> knownOrganizations(Principal who, String municipality) {
        if (municipality == null || municipality.isBlank()) return List.of();
        Set<String> keys = OrganizationKey.municipalityKeys(municipality, audits.rules().current().catalog());
        return history.organizations(who).stream().filter(a -> keys.contains(Applicability.placeKey(a.municipality())))
                .filter(a -> visibleOrganization(who, null, a.municipality(), a.organizationKey())).toList();
    }

    /** The municipalities with stored audits {@code who} sees, as first spelled. */
    public List<String> municipalities(Principal who) {
        return history.municipalities(who).values().stream().filter(m -> visibleMunicipality(who, null, m)).toList();
    }

    // ------------------------------------------------------------------------------------------- schedule

    /**
     * Opens the next round of every repeating schedule whose next period has begun (and any periods missed since),
     * each with the previous round's organizations and the same distance from period end to due date. Another server
     * doing the same at once is harmless: one round per period is stored.
     */
    public void catchUp() {
        LocalDate today = today();
        for (RoundRow last : rounds.lastOfRepeatingSeries()) {
            Cadence c = Cadence.of(last.cadence());
            long dueAfter = ChronoUnit.DAYS.between(last.periodTo(), last.dueOn());
            RoundRow prev = last;
            for (int n = 0; n < MAX_CATCH_UP; n++) {
                LocalDate from = c.next(prev.periodFrom());
                if (from.isAfter(today)) break;
                LocalDate to = c.endOf(from);
                RoundRow next = new RoundRow(newId(), prev.seriesId(), prev.name(), prev.cadence(), from, to, to.plusDays(dueAfter), true, prev.region(),
                        prev.municipality(), prev.municipalityKey(), SCHEDULE, now(), null, null);
                List<AskedRow> asked = rounds.asked(prev.id());
                if (rounds.insert(next, asked)) log.info("Мониторинг {} открыт по расписанию из {}: период {}–{}", next.id(), prev.id(), from, to);
                prev = rounds.find(prev.seriesId(), from).orElse(next);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- scope

    private static void requireAuditor(Principal who) {
        if (who == null || !who.role().includes(Role.auditor)) {
            throw new RoundRefused(RoundRefused.Kind.FORBIDDEN, "Мониторинги открывают и просматривают аудиторы.", List.of());
        }
    }

    private boolean mayRead(Principal who, RoundRow r) {
        if (who.role().includes(Role.auditor)) return visibleMunicipality(who, r.region(), r.municipality());
        return rounds.asked(r.id()).stream().anyMatch(a -> visibleOrganization(who, a.region(), a.municipality(), a.organizationKey()));
    }

    /** Whether the municipality lies within {@code who}'s scope (the one check of the service layer, {@link Visibility#reaches}). */
    private boolean visibleMunicipality(Principal who, String region, String municipality) {
        return history.visibility().reaches(who, municipality);
    }

    /** Whether {@code who} sees the organization ({@link Visibility#sees}). */
    private boolean visibleOrganization(Principal who, String region, String municipality, String organizationKey) {
        return history.visibility().sees(who, organizationKey, null, municipality, region);
    }

    private Instant now() { return clock.instant(); }

    private static String newId() { return UUID.randomUUID().toString(); }
}
