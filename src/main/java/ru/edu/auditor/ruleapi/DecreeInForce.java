package ru.edu.auditor.ruleapi;

import java.time.LocalDate;

/**
 * Inserted for every decree that applies to the audited organization on {@code asOf}.
 * {@code dutiesFrom} is the first day its duties count: the day it applies to relations from
 * (kalikino-oosh-143-2024: 01.09.2024) or else the day it took effect.
 */
public class DecreeInForce {
    private final String decree;
    private final LocalDate inForceFrom;
    private final LocalDate dutiesFrom;

    public DecreeInForce(String decree, LocalDate inForceFrom, LocalDate dutiesFrom) {
        this.decree = decree; this.inForceFrom = inForceFrom; this.dutiesFrom = dutiesFrom;
    }

    public String getDecree() { return decree; }
    public LocalDate getInForceFrom() { return inForceFrom; }
    public LocalDate getDutiesFrom() { return dutiesFrom; }
}
