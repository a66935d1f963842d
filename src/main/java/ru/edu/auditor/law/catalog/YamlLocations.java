package ru.edu.auditor.law.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Where each node of a YAML file starts (JSON pointer → 1-based line), so catalog problems name file:line. */
final class YamlLocations {
    private final Map<String, Integer> lines;

    private YamlLocations(Map<String, Integer> lines) { this.lines = lines; }

    static YamlLocations of(Path file) {
        Map<String, Integer> m = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonStreamContext ctx = p.getParsingContext();
                if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx.getParent() != null) ctx = ctx.getParent();
                m.putIfAbsent(ctx.pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // the file does not parse: the binding step reports that; lines stay unknown
        }
        return new YamlLocations(m);
    }

    /** The line of {@code pointer} («/clauses/3/text»), or of its nearest located ancestor; 0 when unknown. */
    int line(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer l = lines.get(p);
            if (l != null) return l;
            if (p.isEmpty()) return 0;
        }
    }
}
