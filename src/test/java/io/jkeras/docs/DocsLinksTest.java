package io.jkeras.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link between the docs pages (and into the repository) points at a file and a heading that exist. */
class DocsLinksTest {
    private static final Path DOCS = Path.of("docs");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void relativeLinksAndAnchorsResolve() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> pages;
        try (Stream<Path> s = Files.list(DOCS)) {
            pages = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        assertThat(pages).extracting(p -> p.getFileName().toString()).contains("README.md", "getting-started.md",
                "from-keras.md", "models.md", "layers.md", "training.md", "callbacks.md", "saving.md",
                "applications.md", "datasets.md", "utils.md");
        for (Path page : pages) {
            String text = withoutCode(Files.readString(page));
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) continue;   // https:, mailto:
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path dest = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(dest)) {
                    broken.add(page + ": " + target + " (no file)");
                } else if (hash >= 0 && !anchors(dest).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void slugsAreGitHubs() {
        assertThat(slug("VGG16: classification, transfer learning, saliency")).isEqualTo("vgg16-classification-transfer-learning-saliency");
        assertThat(slug("Training: compile, fit, evaluate, predict")).isEqualTo("training-compile-fit-evaluate-predict");
        assertThat(slug("Utilities (and the scikit-learn / matplotlib helpers courses use)"))
                .isEqualTo("utilities-and-the-scikit-learn--matplotlib-helpers-courses-use");
    }

    /** The GitHub anchors of a page's headings. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        for (String line : withoutCode(Files.readString(page)).split("\n")) {
            if (line.startsWith("#")) out.add(slug(line.replaceFirst("^#+\\s*", "")));
        }
        return out;
    }

    /** GitHub's heading slug: lower case, punctuation dropped (but - and _), spaces to hyphens. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT).replace("`", "").replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    /** The page without its fenced code blocks (a "#" comment in a bash block is no heading). */
    static String withoutCode(String text) {
        return text.replaceAll("(?ms)^```.*?^```", "");
    }
}
