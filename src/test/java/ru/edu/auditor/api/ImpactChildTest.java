package ru.edu.auditor.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.edu.auditor.TestRules;
import ru.edu.auditor.engine.RuleLimitsTest;
import ru.edu.auditor.engine.RulesFiles;
import ru.edu.auditor.facts.Json;

/**
 * Issue 22: an impact's candidate runs in a child JVM with its own heap, killed when its time is up. An allocating
 * candidate exhausts the child's heap (never the server's) and the impact answers 422 in Russian; a looping one is
 * ended by the child's own session limits; an impact over its time limit is killed; each time the slot is freed and
 * the server keeps serving. Runs on {@link RunawayRulesTest}'s server set-up (its own store and rules copy).
 */
class ImpactChildTest {
    @BeforeAll
    static void start() throws Exception {
        RunawayRulesTest.start();
        assertEquals(200, RunawayRulesTest.audit(RunawayRulesTest.victim()).statusCode()); // a stored audit the candidates meet
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() throws Exception { RunawayRulesTest.stop(); }

    @AfterEach
    void defaultLimits() {
        System.clearProperty("auditor.impact.heapMb");
        System.clearProperty("auditor.impact.timeoutSeconds");
    }

    private static HttpResponse<String> impact(String extraRule) throws Exception {
        Path candidate = TestRules.copy();
        Path drl = candidate.resolve(RunawayRulesTest.DRL);
        Files.writeString(drl, Files.readString(drl) + extraRule);
        return RunawayRulesTest.post("/api/v1/rules/impact?asOf=2100-01-01", RunawayRulesTest.AUTHOR, "application/zip", RulesFiles.read(candidate).zip());
    }

    /** The server still answers and the impact slot is free: a sound candidate is judged (200, not 409). */
    private static void serverServesAndSlotIsFree() throws Exception {
        HttpResponse<String> health = RunawayRulesTest.http.send(HttpRequest.newBuilder(URI.create(RunawayRulesTest.base + "/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, health.statusCode(), health.body());
        assertEquals(200, RunawayRulesTest.audit(RunawayRulesTest.victim()).statusCode());
        HttpResponse<String> sound = impact("");
        assertEquals(200, sound.statusCode(), sound.body());
        JsonNode r = Json.mapper().readTree(sound.body());
        assertTrue(r.path("organizations").asLong() >= 1, sound.body());
        assertEquals(0, r.path("failed").asLong(), sound.body());
    }

    @Test
    void anAllocatingCandidateExhaustsOnlyTheChildsHeap() throws Exception {
        System.setProperty("auditor.impact.heapMb", "200");
        long t0 = System.nanoTime();
        HttpResponse<String> r = impact(RuleLimitsTest.ALLOCATES);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("Оценка влияния прервана") && r.body().contains("не хватило отведённой памяти (200 МиБ)"), r.body());
        assertFalse(r.body().contains("Exception") || r.body().contains("OutOfMemory"), r.body());
        assertTrue(seconds < 200, "ended in " + seconds + " s");
        System.clearProperty("auditor.impact.heapMb");
        serverServesAndSlotIsFree();
    }

    @Test
    void aLoopingCandidateIsEndedByTheChildsSessionLimits() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = impact(RuleLimitsTest.LOOPS);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("ERROR") && r.body().contains("зацикленное правило"), r.body());
        assertTrue(seconds < 200, "ended in " + seconds + " s");
        serverServesAndSlotIsFree();
    }

    @Test
    void anImpactOverItsTimeLimitIsKilledAndAnswersInRussian() throws Exception {
        System.setProperty("auditor.impact.timeoutSeconds", "2"); // compiling alone takes longer
        long t0 = System.nanoTime();
        HttpResponse<String> r = impact(RuleLimitsTest.NEVER_RETURNS);
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("Оценка влияния прервана") && r.body().contains("дольше отведённого времени — 2 секунды"), r.body());
        assertTrue(seconds < 30, "ended in " + seconds + " s");
        System.clearProperty("auditor.impact.timeoutSeconds");
        serverServesAndSlotIsFree();
    }
}
