package ru.edu.auditor.service.archcycle.other;

import ru.edu.auditor.service.archcycle.CycleSide;

/** The other half of the deliberate package cycle for {@code LayersTest}. Test sources only. */
public final class OtherSide {
    public CycleSide back() { return null; }
}
