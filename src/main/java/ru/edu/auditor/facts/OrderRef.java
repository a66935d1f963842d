package ru.edu.auditor.facts;

import java.time.LocalDate;
import ru.edu.auditor.text.Fmt;

/** A reference to an order (приказ): its number and date. */
public class OrderRef {
    private String number;
    private LocalDate date;

    public String getNumber() { return number; }
    public LocalDate getDate() { return date; }

    @Override public String toString() { return "№ " + number + " от " + Fmt.date(date); }
}
