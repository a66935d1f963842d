package ru.edu.auditor.service.archcycle;

import ru.edu.auditor.service.archcycle.other.OtherSide;

/** One half of a deliberate package cycle for {@code LayersTest}. Test sources only. */
public final class CycleSide {
    public OtherSide other() { return null; }
}
