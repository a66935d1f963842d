package ru.edu.auditor.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.rule.DialectRuntimeData;
import org.drools.base.rule.LineMappings;
import org.drools.core.rule.JavaDialectRuntimeData;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import ru.edu.auditor.law.RuleProblem;
import ru.edu.auditor.ruleapi.RuleInterface;

/**
 * The one list of what a rule may name (issue 22, «rules can touch only facts and the rule-author interface»): the
 * facts model, the rule-author interface, and value types of {@code java.lang}, {@code java.util} and
 * {@code java.time} — no input/output, reflection, threads, processes, class loading, {@code System} or
 * {@code Runtime}. A rule author of a municipality is trusted to write law, not to run code on the server.
 *
 * <p>Checked twice, by the same list: {@link #checkText} reads the DRL (imports, qualified names, the few
 * {@code java.lang} classes a DRL can name without importing them) and answers with file and line before anything is
 * compiled; {@link #checkCompiled} reads the bytecode Drools generated for consequences, functions, {@code eval}s and
 * inline accumulates, so a name the text check did not see (however it was spelled) is refused all the same.
 * Constraints are MVEL expressions Drools interprets without generating classes: for them the text check is the
 * guard, and it refuses the MVEL dialect for consequences altogether (a rule is written in Java).
 */
public final class RuleAllowList {
    /**
     * Packages of ours whose every class a rule may name: those of {@link RuleInterface#PACKAGES} (the one list of what
     * a rule may name: the rule-author interface and the facts model); this class only refines its JDK part
     * ({@link #JAVA_LANG}, {@link #JDK_DENIED}) and reads the bytecode. Names in the packages of
     * {@link RuleInterface#LEGACY} are read as the interface's, as {@link RuleInterface#resolve} reads them.
     */
    public static final List<String> RULE_PACKAGES = RuleInterface.PACKAGES.stream().filter(p -> p.startsWith("ru.edu.auditor.")).toList();

    /** The engine: its classes compile and run rules and read rule files, none of them the rules' to call. */
    static final String ENGINE = "ru.edu.auditor.engine";

    /** JDK packages of values and collections (those of {@link RuleInterface#PACKAGES}); classes in {@link #JDK_DENIED} excepted. */
    public static final List<String> JDK_PACKAGES = RuleInterface.PACKAGES.stream()
            .filter(p -> !RULE_PACKAGES.contains(p) && !p.equals("java.lang")).toList();

    /** Classes of those packages that reach files, threads, class loading or the console. */
    static final Set<String> JDK_DENIED = Set.of(
            "java.util.Formatter", "java.util.Scanner", "java.util.Properties", "java.util.ResourceBundle",
            "java.util.PropertyResourceBundle", "java.util.ListResourceBundle", "java.util.ServiceLoader",
            "java.util.Timer", "java.util.TimerTask", "java.util.SplittableRandom");

    /** The {@code java.lang} classes a rule may name: values, strings, arithmetic and the usual exceptions. */
    public static final Set<String> JAVA_LANG = Set.of(
            "Object", "String", "StringBuilder", "StringBuffer", "CharSequence", "Character", "Boolean", "Byte", "Short",
            "Integer", "Long", "Float", "Double", "Number", "Math", "StrictMath", "Comparable", "Iterable", "Enum", "Record",
            "Void", "Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException",
            "ArithmeticException", "NullPointerException", "IndexOutOfBoundsException", "ArrayIndexOutOfBoundsException",
            "StringIndexOutOfBoundsException", "NumberFormatException", "UnsupportedOperationException",
            "ClassCastException", "Override", "Deprecated", "SuppressWarnings", "FunctionalInterface", "SafeVarargs");

    /** Methods no rule may call whoever declares them: monitors (threads), parallel streams (other threads), printing. */
    static final Set<String> METHODS_DENIED = Set.of("wait", "notify", "notifyAll", "printStackTrace", "parallel", "parallelStream");

    /**
     * What the code Drools generates around a rule names: the {@code drools} handle of a consequence, the facts'
     * handles and declarations it reads. A rule's own code may hold them and call {@link #HANDLE_METHODS} on them.
     */
    static final Set<String> DROOLS_HANDLES = Set.of(
            "org.drools.core.rule.consequence.KnowledgeHelper", "org.drools.base.rule.consequence.ConsequenceContext",
            "org.kie.api.runtime.rule.RuleContext",
            "org.kie.api.runtime.rule.FactHandle", "org.drools.core.common.InternalFactHandle",
            "org.drools.base.rule.Declaration", "org.drools.base.reteoo.BaseTuple", "org.drools.core.reteoo.Tuple",
            "org.drools.base.base.ValueResolver", "org.drools.core.WorkingMemory", "org.drools.core.common.ReteEvaluator",
            "org.kie.api.definition.rule.Rule", "org.drools.base.definitions.rule.impl.RuleImpl");

    /** What rule code may do through {@code drools}: change working memory, name the rule. */
    static final Set<String> HANDLE_METHODS = Set.of(
            "insert", "insertLogical", "update", "delete", "retract", "getRule", "getName", "getMetaData",
            "getFactHandle", "getValue", "getObject", "getTuple", "getIntValue", "getLongValue", "getBooleanValue",
            "getDoubleValue", "getFloatValue", "getShortValue", "getByteValue", "getCharValue", "getObjectHashCode",
            "getHashCode", "getExtractor", "modifyRetract", "modifyInsert", "getFactHandleByIdentity");

    /** Bootstrap methods javac and ECJ use for lambdas, string concatenation and records. */
    static final Set<String> BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory", "java/lang/runtime/ObjectMethods");

    /** Suffixes of the classes Drools generates to call into a rule (no rule code in them; see {@link #isInvoker}). */
    private static final Pattern INVOKER = Pattern.compile(".*(Invoker|InvokerGenerated)\\d*$");

    private RuleAllowList() { }

    /** Whether a rule may name the class of this binary name ({@code java.util.Map$Entry} or {@code java/util/Map$Entry}). */
    public static boolean allows(String className) {
        String name = className.replace('/', '.');
        while (name.startsWith("[")) name = name.substring(1);
        if (name.length() == 1) return true; // primitive array element
        if (name.startsWith("L") && name.endsWith(";")) name = name.substring(1, name.length() - 1);
        String outer = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
        int dot = outer.lastIndexOf('.');
        String pkg = dot < 0 ? "" : outer.substring(0, dot);
        String simple = outer.substring(dot + 1);
        if (pkg.equals("java.lang")) return JAVA_LANG.contains(simple);
        if (JDK_PACKAGES.contains(pkg)) return !JDK_DENIED.contains(outer);
        return RULE_PACKAGES.contains(pkg);
    }

    /**
     * Whether a DRL's text may name the class: {@link #allows}, or an earlier release's name of an interface class
     * ({@code ru.edu.auditor.engine.Fmt}, {@link RuleInterface#legacyName}), which the compiler is handed as the
     * interface's. The bytecode is checked by {@link #allows} alone: it names only what the compiler was handed.
     */
    static boolean allowsInText(String className) {
        return allows(className) || RuleInterface.legacyName(className.replace('/', '.')) != null;
    }

    /** Every class name in a method or field descriptor. */
    private static List<String> classesIn(String descriptor) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("L([^;<>]+);").matcher(descriptor);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    // ------------------------------------------------------------------------------------------------ the DRL text

    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w$]+(?:\\.[\\w$]+)*(\\.\\*)?)\\s*;?");
    private static final Pattern FUNCTION_IMPORT = Pattern.compile("^\\s*import\\s+function\\s+([\\w.$*]+)");
    private static final Pattern DIALECT = Pattern.compile("\\bdialect\\s+\"");
    /** A name qualified by a package: lower-case segments, then a class name (Java allows blanks and line breaks around the dots). */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])((?:[a-z_][\\w$]*\\s*\\.\\s*)+)([A-Z][\\w$]*)");
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\w.$])([A-Z][\\w$]*)");
    private static final Pattern DECLARED = Pattern.compile("^\\s*declare\\s+(?:trait\\s+)?([\\w$]+)");
    /** Reflection spelled without naming a class: {@code x.getClass().forName(…)}, {@code String.class}. */
    private static final Pattern REFLECTIVE = Pattern.compile("\\.\\s*(getClass|getClassLoader|forName|getDeclaredMethod|getMethod|getDeclaredField|getField|newInstance|getRuntime)\\s*\\(|\\.\\s*class\\b");

    /**
     * The names outside the list in one DRL file ({@code file} is its path relative to the rules directory): each
     * problem with its line and a Russian message. Comments and string literals are not read.
     */
    public static List<RuleProblem> checkText(String file, String drl) {
        List<RuleProblem> problems = new ArrayList<>();
        String code = blankCommentsAndStrings(drl);
        String[] lines = code.split("\n", -1);
        String[] rawLines = drl.split("\n", -1);
        Set<String> imported = new LinkedHashSet<>();
        Set<String> declared = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher d = DECLARED.matcher(line);
            if (d.find()) declared.add(d.group(1));
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int n = i + 1;
            if (FUNCTION_IMPORT.matcher(line).find()) continue; // a function of another DRL package: checked where it is defined
            Matcher imp = IMPORT.matcher(line);
            if (imp.find()) {
                String name = imp.group(2);
                if (name.endsWith(".*")) {
                    String pkg = name.substring(0, name.length() - 2);
                    if (!RULE_PACKAGES.contains(pkg) && !JDK_PACKAGES.contains(pkg) && !RuleInterface.LEGACY.containsKey(pkg)) problems.add(outside(file, n, name));
                } else if (imp.group(1) != null) {
                    String owner = name.substring(0, name.lastIndexOf('.'));
                    if (!allowsInText(owner)) problems.add(outside(file, n, owner));
                } else {
                    if (!allowsInText(name)) problems.add(outside(file, n, name));
                    imported.add(name.substring(name.lastIndexOf('.') + 1));
                }
                continue;
            }
            Matcher dia = DIALECT.matcher(line);
            while (dia.find()) {
                // the blanked text keeps every character's place: the dialect's name is read from the file as written
                String raw = rawLines[i].substring(dia.end());
                String dialect = raw.contains("\"") ? raw.substring(0, raw.indexOf('"')) : raw;
                if (!dialect.equals("java")) {
                    problems.add(new RuleProblem(file, n, dia.start() + 1, "диалект «" + dialect + "» не допускается: "
                            + "правила пишутся на диалекте java, чей код проверяется до загрузки"));
                }
            }
            if (line.matches("^\\s*package\\s.*")) continue;
            Matcher c = CAPITALISED.matcher(line);
            while (c.find()) {
                String simple = c.group(1);
                if (imported.contains(simple) || declared.contains(simple) || JAVA_LANG.contains(simple)) continue;
                if (isJavaLang(simple)) problems.add(outside(file, n, "java.lang." + simple));
                else if (isEngineClass(simple)) problems.add(outside(file, n, ENGINE + "." + simple));
            }
            Matcher r = REFLECTIVE.matcher(line);
            while (r.find()) {
                problems.add(new RuleProblem(file, n, r.start() + 1, "правилу недоступна рефлексия («" + r.group().replaceAll("[\\s(]", "")
                        + "»): " + REMEDY));
            }
        }
        // qualified names over the whole text: «java .nio\n.file.Files» is the same name to the compiler
        Matcher q = QUALIFIED.matcher(code);
        while (q.find()) {
            String name = (q.group(1) + q.group(2)).replaceAll("\\s", "");
            int lineStart = code.lastIndexOf('\n', q.start()) + 1;
            String before = code.substring(lineStart, q.start()).strip();
            if (before.startsWith("package") || before.startsWith("import")) continue; // read above, as a whole
            if (!allowsInText(name) && !isDroolsHandle(name)) problems.add(outside(file, lineOf(code, q.start()), name));
        }
        problems.sort(java.util.Comparator.comparingInt(RuleProblem::line));
        return problems;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    static final String REMEDY = "правилам доступны только факты, интерфейс для авторов правил и значения java.lang, java.util и java.time "
            + "(без ввода-вывода, рефлексии, потоков, процессов и загрузки классов)";

    private static RuleProblem outside(String file, int line, String name) {
        return new RuleProblem(file, line, 0, "правило не может обращаться к «" + name + "»: " + REMEDY);
    }

    private static boolean isDroolsHandle(String name) { return DROOLS_HANDLES.contains(name); }

    private static boolean isEngineClass(String simple) {
        try {
            Class.forName(ENGINE + "." + simple, false, RuleAllowList.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean isJavaLang(String simple) {
        try {
            Class.forName("java.lang." + simple, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The text with comments and string/char literals replaced by spaces (line breaks kept, so lines still count). */
    static String blankCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') { out.append(' '); i++; }
            } else if (ch == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                for (; i < end; i++) out.append(s.charAt(i) == '\n' ? '\n' : ' ');
            } else if (ch == '"' && s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                end = end < 0 ? s.length() : end + 3;
                out.append('"');
                for (i++; i < end - 1; i++) out.append(s.charAt(i) == '\n' ? '\n' : ' ');
                out.append('"');
                i = end;
            } else if (ch == '"' || ch == '\'') {
                out.append(ch);
                i++;
                while (i < s.length() && s.charAt(i) != ch && s.charAt(i) != '\n') {
                    if (s.charAt(i) == '\\' && i + 1 < s.length()) { out.append(' '); i++; }
                    out.append(' ');
                    i++;
                }
                if (i < s.length() && s.charAt(i) == ch) { out.append(ch); i++; }
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    // -------------------------------------------------------------------------------------------- the compiled code

    /** Where a generated class came from, to name it to the rule author. */
    public interface Origin {
        /** The DRL file (relative to the rules directory) and the rule or function a generated class holds. */
        RuleProblem locate(String className, int generatedLine, String message);
    }

    /**
     * Every name outside the list in the classes Drools generated for one package, read from their bytecode: calls,
     * field reads, types created, cast and caught, method and field signatures, lambdas' targets and constants.
     */
    public static List<RuleProblem> checkCompiled(InternalKnowledgePackage pkg, Origin origin) {
        List<RuleProblem> problems = new ArrayList<>();
        DialectRuntimeData data = pkg.getDialectRuntimeRegistry().getDialectData("java");
        if (!(data instanceof JavaDialectRuntimeData java)) return problems;
        Map<String, LineMappings> mappings = pkg.getDialectRuntimeRegistry().getLineMappings();
        Set<String> generated = new java.util.HashSet<>();
        for (String resource : java.getStore().keySet()) {
            if (resource.endsWith(".class")) generated.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
        }
        for (String resource : java.getStore().keySet().stream().sorted().toList()) {
            if (!resource.endsWith(".class")) continue;
            String className = resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
            if (isInvoker(className)) continue;
            byte[] bytes = java.getStore().get(resource);
            Set<String> seen = new LinkedHashSet<>();
            for (Reference ref : references(bytes, generated)) {
                if (ref.allowed() || !seen.add(ref.name())) continue;
                String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
                LineMappings lm = mappings == null ? null : mappings.get(outer);
                int line = ref.line();
                if (lm != null && line > 0) line = Math.max(lm.getStartLine() + line - lm.getOffset() - 3, lm.getStartLine());
                problems.add(origin.locate(className, line, "правило не может обращаться к «" + ref.name() + "»: " + REMEDY));
            }
        }
        return problems;
    }

    /**
     * The classes Drools writes to call a rule's consequence, eval or accumulate: they hold no rule code (that is in the
     * rule's own class, which they call). A rule author cannot name a class so: a rule's class ends in a hash, a
     * function's class implements nothing.
     */
    static boolean isInvoker(String className) {
        return INVOKER.matcher(className).matches();
    }

    /** One thing a generated class names, and whether the list allows it. */
    record Reference(String name, int line, boolean allowed) { }

    static List<Reference> references(byte[] bytecode, Set<String> generated) {
        List<Reference> refs = new ArrayList<>();
        ClassReader reader = new ClassReader(bytecode);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                if (superName != null && !superName.equals("java/lang/Object")) type(superName, 0);
                // Drools makes every function's class Externalizable (its instance methods below); a function itself is static
                if (interfaces != null) for (String i : interfaces) if (!i.equals("java/io/Externalizable")) type(i, 0);
            }

            @Override public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                for (String c : classesIn(descriptor)) type(c, 0);
                return null;
            }

            @Override public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if ((access & Opcodes.ACC_STATIC) == 0 && (name.equals("writeExternal") && descriptor.equals("(Ljava/io/ObjectOutput;)V")
                        || name.equals("readExternal") && descriptor.equals("(Ljava/io/ObjectInput;)V"))) return null;
                for (String c : classesIn(descriptor)) type(c, 0);
                if (exceptions != null) for (String e : exceptions) type(e, 0);
                return new MethodVisitor(Opcodes.ASM9) {
                    int line;

                    @Override public void visitLineNumber(int l, Label start) { line = l; }

                    @Override public void visitTypeInsn(int opcode, String type) { type(type, line); }

                    @Override public void visitFieldInsn(int opcode, String owner, String fname, String fdesc) {
                        member(owner, fname, line);
                        for (String c : classesIn(fdesc)) type(c, line);
                    }

                    @Override public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                        member(owner, mname, line);
                    }

                    @Override public void visitInvokeDynamicInsn(String iname, String idesc, Handle bsm, Object... args) {
                        if (!BOOTSTRAPS.contains(bsm.getOwner())) refs.add(new Reference(bsm.getOwner().replace('/', '.'), line, false));
                        for (String c : classesIn(idesc)) type(c, line);
                        for (Object a : args) constant(a, line);
                    }

                    @Override public void visitLdcInsn(Object value) { constant(value, line); }

                    @Override public void visitMultiANewArrayInsn(String descriptor, int dims) { type(descriptor, line); }

                    @Override public void visitTryCatchBlock(Label s, Label e, Label h, String type) { if (type != null) type(type, line); }

                    @Override public void visitLocalVariable(String lname, String ldesc, String lsig, Label s, Label e, int index) {
                        for (String c : classesIn(ldesc)) type(c, line);
                    }
                };
            }

            private void constant(Object value, int line) {
                if (value instanceof Type t) {
                    if (t.getSort() == Type.METHOD) {
                        for (String c : classesIn(t.getDescriptor())) type(c, line);
                    } else {
                        // a class literal: the code Drools writes for update() passes the fact's class; its methods
                        // (reflection) stay refused, as java.lang.Class is not on the list
                        type(t.getInternalName(), line);
                    }
                } else if (value instanceof Handle h) {
                    member(h.getOwner(), h.getName(), line);
                }
            }

            private void type(String internalName, int line) {
                String name = internalName.replace('/', '.');
                if (name.startsWith("[")) {
                    Type t = Type.getType(internalName);
                    if (t.getElementType().getSort() != Type.OBJECT) return;
                    name = t.getElementType().getClassName();
                }
                refs.add(new Reference(name, line, allows(name) || isDroolsHandle(name) || isGeneratedHere(name)
                        || name.startsWith("org.drools.util.bitmask.")));
            }

            private void member(String owner, String member, int line) {
                String name = owner.replace('/', '.');
                if (owner.startsWith("[")) {
                    // arrays: clone() and length only
                    refs.add(new Reference(name + "." + member, line, member.equals("clone")));
                    return;
                }
                boolean ok;
                if (isDroolsHandle(name)) ok = HANDLE_METHODS.contains(member);
                else if (name.startsWith("org.drools.util.bitmask.")) ok = true; // property masks update() passes: values
                else ok = (allows(name) || isGeneratedHere(name)) && !METHODS_DENIED.contains(member);
                refs.add(new Reference(ok ? name : name + "." + member, line, ok));
            }

            /** A class Drools generated for the same package (rule classes, functions), checked in turn itself. */
            private boolean isGeneratedHere(String name) { return generated.contains(name); }
        }, ClassReader.SKIP_FRAMES);
        return refs;
    }
}
