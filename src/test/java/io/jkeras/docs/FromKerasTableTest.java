package io.jkeras.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of Keras names in docs/from-keras.md cannot rot: every jkeras class, method or field that a row
 * names must exist (found by reflection), and a row that says jkeras lacks a name ("—") must name nothing.
 * Names in a cell resolve against the section's package ("Package: `io.jkeras.layers`."), then against
 * {@code io.jkeras} and its packages: {@code Dense}, {@code Merging.concatenate},
 * {@code utils.Categorical.toCategorical}, {@code io.jkeras.Keras.setRandomSeed}. A row ending "(coming)" names
 * something another branch is adding and is skipped until then.
 */
class FromKerasTableTest {
    private static final Path PAGE = Path.of("docs/from-keras.md");
    private static final Pattern PACKAGE = Pattern.compile("^Package: `(io\\.jkeras[\\w.]*)`");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    /** A Java reference: dotted identifiers, nothing else (so `"relu"` and `Input.shape(28, 28)` are prose). */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");
    private static final List<String> SEARCH = List.of("io.jkeras", "io.jkeras.models", "io.jkeras.layers",
            "io.jkeras.training", "io.jkeras.utils");

    record Row(int line, String pkg, String keras, String jkeras) {
    }

    @Test
    void everyJkerasNameInTheTableExists() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).as("rows of the Keras-name table in %s", PAGE).hasSizeGreaterThan(300);
        List<String> problems = new ArrayList<>();
        int resolved = 0;
        for (Row row : rows) {
            // Being written on another branch under an agreed name: checked once it has landed and "(coming)" is gone.
            if (row.jkeras.endsWith("(coming)")) continue;
            if (row.jkeras.startsWith("—")) {
                List<String> refs = references(row.jkeras.replaceFirst("\\(.*", ""));
                if (!refs.isEmpty()) problems.add(row.line + ": \"—\" row names " + refs);
                continue;
            }
            List<String> refs = references(row.jkeras);
            if (row.pkg.equals("io.jkeras.activations")) problems.addAll(activationNames(row));
            if (refs.isEmpty()) problems.add(row.line + ": " + row.keras + " names no jkeras class or member");
            for (String ref : refs) {
                String missing = resolve(ref, row.pkg);
                if (missing != null) problems.add(row.line + ": " + row.keras + " -> " + ref + ": " + missing);
                else resolved++;
            }
        }
        assertThat(problems).as("table rows whose jkeras names do not exist").isEmpty();
        assertThat(resolved).isGreaterThan(250);
    }

    @Test
    void eachKerasNameIsListedOncePerSection() throws IOException {
        Set<String> seen = new HashSet<>();
        List<String> dupes = new ArrayList<>();
        for (Row row : rows()) if (!seen.add(row.pkg + " " + row.keras)) dupes.add(row.line + ": " + row.keras);
        assertThat(dupes).isEmpty();
    }

    @Test
    void theCheckerRejectsANameThatDoesNotExist() {
        assertThat(resolve("Dense", "io.jkeras.layers")).isNull();
        assertThat(resolve("Merging.concatenate", "io.jkeras.layers")).isNull();
        assertThat(resolve("io.jkeras.Keras.EPSILON", "io.jkeras.models")).isNull();
        assertThat(resolve("utils.Categorical.toCategorical", "io.jkeras.utils")).isNull();
        assertThat(resolve("DenseX", "io.jkeras.layers")).isNotNull();
        assertThat(resolve("Merging.concatenateAll", "io.jkeras.layers")).isNotNull();
        assertThat(resolve("Dense.units.more", "io.jkeras.layers")).isNotNull();
    }

    /** The rows of the tables after the "## Every Keras name" heading, with the package of their section. */
    static List<Row> rows() throws IOException {
        List<String> lines = Files.readAllLines(PAGE);
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        String pkg = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) inTable = line.startsWith("## Every Keras name");
            if (!inTable) continue;
            Matcher p = PACKAGE.matcher(line);
            if (p.find()) pkg = p.group(1);
            if (!line.startsWith("| `")) continue;
            String[] cells = line.split("\\|");
            assertThat(cells).as("line %d: | Keras | jkeras |", i + 1).hasSizeGreaterThanOrEqualTo(3);
            assertThat(pkg).as("line %d: a table row before its section's Package line", i + 1).isNotNull();
            rows.add(new Row(i + 1, pkg, cells[1].trim(), cells[2].trim()));
        }
        return rows;
    }

    /** An activation row's quoted names ("relu") must be names that {@code Activations.get} knows. */
    static List<String> activationNames(Row row) {
        List<String> problems = new ArrayList<>();
        Matcher m = Pattern.compile("`\"([^\"`]+)\"`").matcher(row.jkeras);
        while (m.find()) {
            try {
                assertThat(io.jkeras.activations.Activations.get(m.group(1))).isNotNull();
            } catch (RuntimeException e) {
                problems.add(row.line + ": activation \"" + m.group(1) + "\": " + e.getMessage());
            }
        }
        return problems;
    }

    static List<String> references(String cell) {
        List<String> refs = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) if (REFERENCE.matcher(m.group(1)).matches()) refs.add(m.group(1));
        return refs;
    }

    /** Null when ref names a public class, or a public method, field or nested class of one; else what is wrong. */
    static String resolve(String ref, String pkg) {
        String[] parts = ref.split("\\.");
        List<String> bases = new ArrayList<>();
        bases.add(pkg);
        bases.addAll(SEARCH);
        for (int n = parts.length; n >= 1; n--) {
            String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, n));
            Class<?> c = null;
            for (String base : bases) if ((c = load(base + "." + prefix)) != null) break;
            if (c == null) c = load(prefix);
            if (c == null) continue;
            if (!Modifier.isPublic(c.getModifiers())) return c.getName() + " is not public";
            if (n == parts.length) return null;
            if (n < parts.length - 1) return "more than one member after " + c.getName();
            return member(c, parts[n]) ? null : "no public member " + parts[n] + " in " + c.getName();
        }
        return "no such class";
    }

    private static boolean member(Class<?> c, String name) {
        for (Method m : c.getMethods()) if (m.getName().equals(name)) return true;
        for (Field f : c.getFields()) if (f.getName().equals(name)) return true;
        for (Class<?> k : c.getClasses()) if (k.getSimpleName().equals(name)) return true;
        return false;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, FromKerasTableTest.class.getClassLoader());
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            return null;
        }
    }
}
