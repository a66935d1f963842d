package ru.edu.auditor.service.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.edu.auditor.service.HistoryQueries;
import ru.edu.auditor.service.OneAtATime;
import ru.edu.auditor.store.TestStores;

/**
 * One impact at a time per server: the slot belongs to the server's stored audits ({@link HistoryQueries}), so every
 * {@link ImpactService} over them (API, workspace) shares it, another server in the same JVM has its own, and a run
 * gives it back however it ends.
 */
class ImpactSlotTest {
    @TempDir Path tmp;

    @Test
    void oneImpactAtATimePerServerAndTheSlotComesBack() throws Exception {
        try (TestStores.Backend b = TestStores.open("sqlite")) {
            HistoryQueries server = new HistoryQueries(b.repository(), null);
            HistoryQueries otherServer = new HistoryQueries(b.repository(), null);
            Path notRules = Files.createDirectories(tmp.resolve("candidate"));
            Impact.Scope scope = new Impact.Scope(LocalDate.of(2024, 1, 1), null, 10);

            OneAtATime.Held held = server.impactSlot().tryTake().orElseThrow();
            assertTrue(new ImpactService(server).start(ru.edu.auditor.service.access.Tokens.Principal.operator("test"), ImpactService.folder(notRules), scope, () -> { }).isEmpty(),
                    "a second impact on the same server is refused while the first holds the slot");
            CompletableFuture<ImpactService.Outcome> elsewhere = new ImpactService(otherServer)
                    .start(ru.edu.auditor.service.access.Tokens.Principal.operator("test"), ImpactService.folder(notRules), scope, () -> { }).orElseThrow(() -> new AssertionError("another server is not blocked"));
            ImpactService.Outcome out = elsewhere.get(60, TimeUnit.SECONDS);
            assertFalse(out.ok(), "a folder without rules does not load");
            assertFalse(out.problems().isEmpty());
            assertFalse(otherServer.impactSlot().busy(), "the slot is given back before the result is seen");
            held.close();
            held.close(); // twice releases once
            assertTrue(server.impactSlot().tryTake().isPresent());
            assertTrue(server.impactSlot().tryTake().isEmpty(), "closing twice did not release twice");
        }
    }

    @Test
    void aFailedRunGivesTheSlotBack() throws Exception {
        try (TestStores.Backend b = TestStores.open("sqlite")) {
            HistoryQueries server = new HistoryQueries(b.repository(), null);
            // the real rules compile; the run then fails (here: in the callback) and must still give the slot back
            CompletableFuture<ImpactService.Outcome> run = new ImpactService(server)
                    .start(ru.edu.auditor.service.access.Tokens.Principal.operator("test"), ImpactService.folder(Path.of("rules")), new Impact.Scope(LocalDate.of(2024, 1, 1), null, 10), () -> {
                        throw new IllegalStateException("boom");
                    }).orElseThrow();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(120, TimeUnit.SECONDS));
            assertEquals("boom", failed.getCause().getMessage());
            assertFalse(server.impactSlot().busy());
        }
    }
}
