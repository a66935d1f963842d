package ru.edu.auditor.law.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;

/** Dated law in the catalog: repeal, versions, and the validate check of their references. */
class DatedLawTest {
    @Test
    void aClauseIsReadInTheVersionInForceOnTheAuditDate() throws Exception {
        Catalog.Loaded loaded = Catalog.load(Path.of("rules"));
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        Decree d47 = loaded.catalog().decree("khasavyurt-uo-47-2023").orElseThrow();
        Clause c34 = d47.clause("3.4").orElseThrow();
        assertTrue(c34.inForceOn(LocalDate.of(2025, 8, 31)), "the last day is inclusive");
        assertTrue(!c34.inForceOn(LocalDate.of(2025, 9, 1)));
        assertEquals("khasavyurt-uo-96-2025", c34.repealedBy().decree());
        Clause c33 = d47.clause("3.3").orElseThrow();
        assertNull(c33.versionOn(LocalDate.of(2025, 8, 31)));
        assertTrue(c33.textOn(LocalDate.of(2025, 9, 1)).contains("в национальном мессенджере MAX"));
        assertTrue(!c33.textOn(LocalDate.of(2023, 10, 20)).contains("MAX"));
    }

    @Test
    void validateNamesARepealOrAmendmentThatPointsNowhere() throws Exception {
        Path dir = TestRules.copy();
        Path yaml = dir.resolve("decrees/khasavyurt-uo-47-2023.yaml");
        String text = Files.readString(yaml);
        text = text.replaceFirst("repealedBy: \\{decree: khasavyurt-uo-96-2025, clause: \"2\"\\}", "repealedBy: {decree: khasavyurt-uo-96-2025, clause: \"9\"}");
        text = text.replace("amendedBy: {decree: khasavyurt-uo-96-2025, clause: \"3\"}", "amendedBy: {decree: no-such-order-2025, clause: \"3\"}");
        Files.writeString(yaml, text);
        String problems = Catalog.load(dir).problems().toString();
        assertTrue(problems.contains("п. 2.3: отменён п. 9 khasavyurt-uo-96-2025 (repealedBy), но в решении khasavyurt-uo-96-2025 нет пункта 9"), problems);
        assertTrue(problems.contains("п. 3.3: редакция от 2025-09-01 внесена п. 3 no-such-order-2025 (amendedBy), но решения «no-such-order-2025» в каталоге нет"), problems);
    }
}
