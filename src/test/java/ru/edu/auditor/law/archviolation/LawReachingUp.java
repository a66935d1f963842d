package ru.edu.auditor.law.archviolation;

import ru.edu.auditor.api.Problem;

/** A deliberate breach for {@code LayersTest}: the law layer must never use a front end. Test sources only. */
public final class LawReachingUp {
    public Problem upward() { return null; }
}
