package ru.edu.auditor.facts;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads JSON sent from outside (an audit, a batch line, an exemption, an impact request, a facts file) strictly,
 * where Jackson alone is lenient:
 * <ul>
 *   <li>the bytes must be well-formed UTF-8: an overlong form ({@code C0 AF} for «/»), a surrogate encoded in UTF-8
 *       or a stray byte is refused with its line and column, never decoded to something else;</li>
 *   <li>a property given twice in one object is refused (Jackson would silently keep the last), naming it;</li>
 *   <li>a string holding half of a surrogate pair ({@code "\ud800"} alone) is refused at its path: it is not text;</li>
 *   <li>a number too close to zero for a double ({@code 1e-400}) is refused at its path, never read as 0;</li>
 *   <li>anything after the one JSON value is refused.</li>
 * </ul>
 * Every refusal is a {@link Refused} ({@link JsonErrors} gives its Russian text), so a caller handles it like any
 * syntax error; {@link Refused#problems()} names each place.
 */
public final class JsonInput {
    private static final ObjectReader READER = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    private JsonInput() { }

    /** One place the input is refused at: a JSON Path ({@code $} for the text as a whole) and the Russian reason. */
    public record Problem(String path, String reason) { }

    /** Input refused by the strict reading; its message is Russian. */
    public static final class Refused extends JsonProcessingException {
        private final transient List<Problem> problems;

        Refused(List<Problem> problems, JsonLocation at) {
            super(String.join("; ", problems.stream().map(p -> "$".equals(p.path()) ? p.reason() : p.path() + ": " + p.reason()).toList()), at);
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() { return problems; }

        /** The Russian reason(s), without position. */
        public String reason() { return getOriginalMessage(); }
    }

    /** The one JSON value of {@code bytes}, read strictly. */
    public static JsonNode read(byte[] bytes) throws JsonProcessingException {
        checkUtf8(bytes);
        JsonNode doc;
        try {
            doc = READER.readTree(bytes);
        } catch (JsonParseException e) {
            String m = String.valueOf(e.getOriginalMessage());
            JsonParser p = e.getProcessor();
            if (m.startsWith("Duplicate field '") && p != null) {
                String path = path(p.getParsingContext());
                throw new Refused(List.of(new Problem(path, "поле указано дважды: каждое поле объекта — один раз"
                        + " (повторённое значение не принимается молча)")), e.getLocation());
            }
            throw e;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory", e);
        }
        if (doc == null) return null;
        List<Problem> problems = new ArrayList<>();
        JsonNode checked = walk(doc, "$", problems);
        if (!problems.isEmpty()) throw new Refused(problems, null);
        return checked;
    }

    /** Refuses bytes that are not well-formed UTF-8 (what Java's decoder reports, Jackson lets through). */
    static void checkUtf8(byte[] bytes) throws Refused {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.min(bytes.length + 1, 8192));
        while (true) {
            CoderResult r = decoder.decode(in, out, true);
            if (r.isError()) throw notUtf8(bytes, in.position(), r.length());
            if (r.isUnderflow()) break;
            out.clear();
        }
    }

    private static Refused notUtf8(byte[] bytes, int at, int length) {
        int line = 1, lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = new String(bytes, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
        int end = at + Math.max(length, 1);
        while (end < bytes.length && end < at + 4 && (bytes[end] & 0xC0) == 0x80) end++; // the continuation bytes the bad lead byte took
        String seq = HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes, at, Math.min(bytes.length, end));
        return new Refused(List.of(new Problem("$", "текст не в кодировке UTF-8: недопустимая последовательность байтов " + seq
                + " (сведения принимаются только в UTF-8; «сверхдлинные» записи символов и суррогаты в UTF-8 не допускаются)")),
                new JsonLocation(ContentReference.unknown(), at, -1, line, column));
    }

    /** {@code n} with its floating numbers as doubles; problems for lone surrogates and numbers that underflow. */
    private static JsonNode walk(JsonNode n, String path, List<Problem> problems) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = child(path, e.getKey());
                String bad = loneSurrogate(e.getKey());
                if (bad != null) problems.add(new Problem(p, "в имени поля " + bad));
                JsonNode v = walk(e.getValue(), p, problems);
                if (v != e.getValue()) e.setValue(v);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = walk(a.get(i), path + "[" + i + "]", problems);
                if (v != a.get(i)) a.set(i, v);
            }
        } else if (n.isTextual()) {
            String bad = loneSurrogate(n.textValue());
            if (bad != null) problems.add(new Problem(path, bad));
        } else if (n.isBigDecimal()) {
            BigDecimal v = n.decimalValue();
            double d = v.doubleValue();
            if (v.signum() != 0 && d == 0) {
                problems.add(new Problem(path, "число " + v + " слишком близко к нулю и не представимо (прочиталось бы как 0);"
                        + " запишите нужное значение явно"));
                return n;
            }
            return DoubleNode.valueOf(d); // as Jackson reads floats elsewhere; ±1e400 becomes ±∞ and is judged where read
        }
        return n;
    }

    private static String loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "одиночная половина суррогатной пары " + String.format("\\u%04x", (int) c) + " в позиции " + (i + 1)
                        + ": это не символ Unicode, такой текст не принимается";
            }
        }
        return null;
    }

    private static String child(String parent, String name) {
        if (PLAIN_NAME.matcher(name).matches()) return parent + "." + name;
        return parent + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
    }

    /** The JSON Path of a parser context, as the schema validator writes paths. */
    private static String path(JsonStreamContext ctx) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) chain.add(0, c);
        String path = "$";
        for (JsonStreamContext c : chain) {
            if (c.inArray()) path += "[" + Math.max(0, c.getCurrentIndex()) + "]";
            else if (c.getCurrentName() != null) path = child(path, c.getCurrentName());
        }
        return path;
    }
}
