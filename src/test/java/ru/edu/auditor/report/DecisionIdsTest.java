package ru.edu.auditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {
    @Test
    void idsAreVersion7UuidsInTimeOrderAndUnique() throws Exception {
        List<String> ids = new ArrayList<>();
        long before = System.currentTimeMillis();
        for (int i = 0; i < 2_000; i++) {
            ids.add(DecisionIds.next());
            if (i == 999) Thread.sleep(3);
        }
        long after = System.currentTimeMillis();
        for (String id : ids) {
            UUID u = UUID.fromString(id);
            assertEquals(id, u.toString(), "canonical lower-case form");
            assertEquals(7, u.version());
            assertEquals(2, u.variant(), "RFC 9562 variant");
            long millis = u.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after, "the time of issue leads the id: " + id);
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no id twice");
        // ids of different milliseconds sort by time, so the store's indexes grow at their end
        assertTrue(ids.get(0).compareTo(ids.get(1_999)) < 0, ids.get(0) + " before " + ids.get(1_999));
    }
}
