package ru.edu.auditor.service.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated admin token: its file is never readable by anyone but its owner, not even for a moment. */
class TokensTest {
    @TempDir Path tmp;

    @Test
    void adminTokenFileIsOwnerOnlyFromTheMomentItExists() throws Exception {
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        // an observer polls the file's mode as fast as it can while the token is created; the first mode it
        // sees must already be owner-only (a file written first and restricted afterwards is caught here)
        for (int round = 0; round < 200; round++) {
            Path dir = tmp.resolve("data" + round);
            Path file = dir.resolve("admin.token");
            AtomicReference<Set<PosixFilePermission>> firstSeen = new AtomicReference<>();
            Thread observer = new Thread(() -> {
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < deadline) {
                    try {
                        firstSeen.set(Files.getPosixFilePermissions(file));
                        return;
                    } catch (NoSuchFileException notYet) {
                        Thread.onSpinWait();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            observer.start();
            String token = Tokens.adminToken(dir);
            observer.join();
            assertEquals(ownerOnly, firstSeen.get(), "round " + round + ": the token file was visible with another mode");
            assertEquals(ownerOnly, Files.getPosixFilePermissions(file));
            assertEquals(token, Tokens.adminToken(dir), "a second start reads the same token");
            assertTrue(token.length() >= 32);
        }
    }
}
