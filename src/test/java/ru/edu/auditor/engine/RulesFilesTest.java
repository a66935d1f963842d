package ru.edu.auditor.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A rules directory in memory: the same version as the directory, a zip round trip, and zips that are refused. */
class RulesFilesTest {
    @Test
    void filesHashToTheDirectorysVersionAndSurviveTheirZip() throws Exception {
        Path dir = Path.of("rules");
        RulesFiles files = RulesFiles.read(dir);
        assertEquals(RuleSet.versionOf(dir), files.version());
        RulesFiles back = RulesFiles.fromArchive(files.zip());
        assertEquals(files.version(), back.version());
        assertEquals(files.sha256(), back.sha256());
        assertEquals(files.files().keySet(), back.files().keySet());
    }

    @Test
    void zipsOutsideTheLimitsOrEscapingTheFolderAreRefused() {
        Map<String, byte[]> one = new TreeMap<>(Map.of("decrees/a.yaml", "x".getBytes()));
        RulesFiles.ZipLimits tight = new RulesFiles.ZipLimits(1 << 20, 2, 10);
        assertTrue(assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip(RulesFiles.of(Map.of("a", new byte[11])).zip(), tight)).tooLarge());
        assertTrue(assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip(
                RulesFiles.of(Map.of("a", new byte[1], "b", new byte[1], "c", new byte[1])).zip(), tight)).tooLarge());
        RulesFiles.BadZip slip = assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip(RulesFiles.of(Map.of("x/../../evil", new byte[1])).zip(),
                RulesFiles.ZipLimits.DEFAULT));
        assertFalse(slip.tooLarge());
        assertTrue(slip.getMessage().contains(".."), slip.getMessage());
        assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip("not a zip".getBytes(), RulesFiles.ZipLimits.DEFAULT));
        assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip(RulesFiles.of(Map.of("/etc/passwd", new byte[1])).zip(), RulesFiles.ZipLimits.DEFAULT));
        assertEquals(RulesFiles.of(one).version(), RulesFiles.of(Map.of("decrees/a.yaml", "x".getBytes())).version());
    }

    /** Issue 22, finding 8: a damaged zip is refused in Russian (not the JDK's English), a name both file and folder is refused, not a 500. */
    @Test
    void damagedZipsAndAFileThatIsAlsoAFolderAreRefusedInRussian() throws Exception {
        byte[] zip = RulesFiles.read(Path.of("rules")).zip();
        byte[] truncated = java.util.Arrays.copyOf(zip, zip.length / 2); // «Unexpected end of ZLIB input stream»
        byte[] corrupt = zip.clone(); // garbage in the deflated data: «invalid distance too far back» or another zlib reason
        for (int i = 200; i < 4000; i += 7) corrupt[i] ^= 0x5A;
        for (byte[] bad : java.util.List.of(truncated, corrupt)) {
            RulesFiles.BadZip e = assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip(bad, RulesFiles.ZipLimits.DEFAULT));
            assertFalse(e.tooLarge());
            assertTrue(e.getMessage().matches("(?s).*[А-Яа-я].*"), e.getMessage());
            assertFalse(e.getMessage().matches("(?is).*(zlib|invalid|unexpected|stream|distance|header|exception).*"), e.getMessage());
        }
        Map<String, byte[]> both = new TreeMap<>(Map.of("decrees/a", new byte[1], "decrees/a/b.txt", new byte[1]));
        RulesFiles.BadZip clash = assertThrows(RulesFiles.BadZip.class, () -> RulesFiles.unzip(RulesFiles.of(both).zip(), RulesFiles.ZipLimits.DEFAULT));
        assertTrue(clash.getMessage().contains("и файл, и папка"), clash.getMessage());
    }
}
