package ru.edu.auditor.formats.sheets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ru.edu.auditor.facts.FieldProblem;

/**
 * Where each value of a facts document read from a workbook came from (JSON path → «Лист!A1»), so that a problem
 * found later by the facts validator (a required value missing, a count above its total, a date after the
 * audit date) is named by its cell as well as its path.
 */
public final class CellLocator {
    private final Map<String, String> cells = new LinkedHashMap<>();

    /** Records the cell of {@code path}; the first cell given for a path stays (a list of flags points at its first). */
    void put(String path, String address) { cells.putIfAbsent(path, address); }

    /** The cell of {@code path}: its own, else the first cell inside it (an object, a list item), else its parent's; null if none. */
    public String cellOf(String path) {
        for (String p = path; p != null; p = parent(p)) {
            String own = cells.get(p);
            if (own != null) return own;
            for (Map.Entry<String, String> e : cells.entrySet()) {
                String k = e.getKey();
                if (k.startsWith(p) && k.length() > p.length() && (k.charAt(p.length()) == '.' || k.charAt(p.length()) == '[')) return e.getValue();
            }
        }
        return null;
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        int bracket = path.lastIndexOf('[');
        int cut = Math.max(dot, bracket);
        return cut <= 1 ? null : path.substring(0, cut);
    }

    /** {@code problems} with the cell of each (when known) in {@code cell} and at the start of the message. */
    public List<FieldProblem> locate(List<FieldProblem> problems) {
        List<FieldProblem> out = new ArrayList<>(problems.size());
        for (FieldProblem p : problems) {
            if (p.cell() != null) {
                out.add(p);
                continue;
            }
            String cell = cellOf(p.path());
            out.add(cell == null ? p : at(cell, p.path(), p.message(), p.code()));
        }
        return out;
    }

    /** A problem of a cell: «Педагоги!D7: ожидается целое число, получено «десять»». */
    static FieldProblem at(String cell, String path, String message, String code) {
        return new FieldProblem(path, cell + ": " + message, code, cell);
    }
}
