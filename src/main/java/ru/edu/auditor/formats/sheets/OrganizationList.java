package ru.edu.auditor.formats.sheets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The list of organizations a monitoring round asks, uploaded as a workbook: the first sheet, a header row naming the
 * columns (in any order) — «Наименование» (required), «Вид», «Муниципалитет», «Регион», «Идентификатор»,
 * «Эл. почта» — and one organization a row. Read with {@link XlsxReader}'s limits; every cell that cannot be taken is
 * named by its address, all at once.
 */
public final class OrganizationList {
    /** At most this many organizations in one list (a region's schools fit several times over). */
    public static final int MAX_ROWS = 5_000;

    /** One listed organization; {@code kind} as the catalog's code (general, preschool, …); null values: not given. */
    public record Listed(String cell, String name, String kind, String municipality, String region, String id, String email) { }

    /** A cell that could not be taken: its address and why. */
    public record Problem(String cell, String message) { }

    /** The organizations read and the problems found; usable only without problems. */
    public record Read(List<Listed> organizations, List<Problem> problems) { }

    private static final Map<String, String> COLUMNS = Map.of(
            "наименование", "name", "название", "name", "вид", "kind", "муниципалитет", "municipality", "муниципальное образование", "municipality",
            "регион", "region", "идентификатор", "id", "эл. почта", "email", "электронная почта", "email", "e-mail", "email");

    /** Russian names of the kinds, as a person types them, to the catalog's codes. */
    private static final Map<String, String> KINDS = Map.of(
            "общеобразовательная", "general", "школа", "general", "дошкольная", "preschool", "детский сад", "preschool",
            "дополнительного образования", "additional", "профессиональная", "vocational", "спо", "vocational");

    private OrganizationList() { }

    /** Reads the list in {@code file}. */
    public static Read read(Path file) throws WorkbookRejected {
        try (XlsxReader book = XlsxReader.open(file)) {
            if (book.sheetNames().isEmpty()) throw WorkbookRejected.notOurs("В книге нет ни одного листа.");
            String sheet = book.sheetNames().get(0);
            Map<Integer, String> header = new HashMap<>();
            List<Listed> out = new ArrayList<>();
            List<Problem> problems = new ArrayList<>();
            book.read(sheet, MAX_ROWS, 1, (row, cells) -> {
                if (header.isEmpty()) {
                    for (RawCell c : cells) {
                        String col = COLUMNS.get(c.shown().strip().toLowerCase(Locale.ROOT).replace('ё', 'е'));
                        if (col != null) header.put(c.col(), col);
                    }
                    if (!header.containsValue("name")) {
                        throw WorkbookRejected.notOurs("В первой строке листа «" + sheet + "» нет столбца «Наименование»: это не список организаций."
                                + " Первая строка называет столбцы: Наименование, Вид, Муниципалитет, Регион, Идентификатор, Эл. почта.");
                    }
                    return;
                }
                Map<String, String> v = new HashMap<>();
                Map<String, String> at = new HashMap<>();
                for (RawCell c : cells) {
                    String col = header.get(c.col());
                    if (col == null) continue;
                    if (c.kind() == RawCell.Kind.ERROR || c.kind() == RawCell.Kind.FORMULA_WITHOUT_VALUE) {
                        problems.add(new Problem(RawCell.address(sheet, c.row(), c.col()), "в ячейке ошибка или формула без значения: " + c.shown()));
                        continue;
                    }
                    String text = c.shown().strip();
                    if (!text.isEmpty()) {
                        v.put(col, text);
                        at.put(col, RawCell.address(sheet, c.row(), c.col()));
                    }
                }
                if (v.isEmpty()) return;
                String first = RawCell.address(sheet, row, 0);
                if (!v.containsKey("name")) {
                    problems.add(new Problem(first, "в строке " + (row + 1) + " не указано наименование организации"));
                    return;
                }
                String kind = null;
                if (v.containsKey("kind")) {
                    kind = kind(v.get("kind"));
                    if (kind == null) problems.add(new Problem(at.get("kind"), "вид «" + v.get("kind") + "» не известен: общеобразовательная,"
                            + " дошкольная, дополнительного образования или профессиональная"));
                }
                String email = v.get("email");
                if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    problems.add(new Problem(at.get("email"), "«" + email + "» — не адрес электронной почты"));
                }
                out.add(new Listed(first, v.get("name"), kind, v.get("municipality"), v.get("region"), v.get("id"), email));
            });
            if (header.isEmpty()) throw WorkbookRejected.notOurs("Лист «" + sheet + "» пуст: в списке нет ни одной организации.");
            return new Read(out, problems);
        }
    }

    private static String kind(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (List.of("general", "preschool", "additional", "vocational").contains(t)) return t;
        for (Map.Entry<String, String> e : KINDS.entrySet()) if (t.contains(e.getKey())) return e.getValue();
        return null;
    }
}
