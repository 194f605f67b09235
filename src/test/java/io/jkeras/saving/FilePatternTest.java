package io.jkeras.saving;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Python's format mini-language; every expected string was printed by CPython 3.11's format(value, spec). */
class FilePatternTest {
    static final Object[][] CASES = {
            {3, "02d", "03"},
            {12, "02d", "12"},
            {7, "03d", "007"},
            {5, "", "5"},
            {-4, "+05d", "-0004"},
            {1234567, ",", "1,234,567"},
            {255, "#x", "0xff"},
            {255, "X", "FF"},
            {5, "b", "101"},
            {3, ".2f", "3.00"},
            {2, "e", "2.000000e+00"},
            {0.12345, ".2f", "0.12"},
            {2.675, ".2f", "2.67"},
            {0.125, ".2f", "0.12"},
            {0.000123, ".3e", "1.230e-04"},
            {123456.789, ".2e", "1.23e+05"},
            {0.12345, "", "0.12345"},
            {1e-05, "", "1e-05"},
            {1.5e+16, "", "1.5e+16"},
            {123.0, "", "123.0"},
            {0.1, "", "0.1"},
            {0.3333333333333333, "", "0.3333333333333333"},
            {0.12345, ".4g", "0.1235"},
            {1234567.0, "g", "1.23457e+06"},
            {1.234e-05, "g", "1.234e-05"},
            {100.0, "g", "100"},
            {0.5, ".1%", "50.0%"},
            {0.98765, "%", "98.765000%"},
            {1.0, ".3", "1.0"},
            {0.5, ".2", "0.5"},
            {12345.678, ",.2f", "12,345.68"},
            {-0.5, ".3f", "-0.500"},
            {0.5, "+.1f", "+0.5"},
            {0.5, "08.3f", "0000.500"},
            {-0.5, "08.3f", "-000.500"},
            {0.5, "*^9.2f", "**0.50***"},
            {0.5, "<8.1f", "0.5     "},
            {Double.POSITIVE_INFINITY, ".5f", "inf"},
            {Double.NEGATIVE_INFINITY, ".5f", "-inf"},
            {Double.NaN, "f", "nan"},
            {2.5, ".0f", "2"},
            {3.5, ".0f", "4"},
            {1e+22, ".2e", "1.00e+22"},
            {9.9999, ".2f", "10.00"},
            {0.0, "e", "0.000000e+00"},
            {123.456, ".0e", "1e+02"},
            {1234.5, "G", "1234.5"},
            {1e-07, ".3g", "1e-07"},
            {0.0001, "g", "0.0001"},
    };

    @Test
    void formatsLikePython() {
        for (Object[] c : CASES) {
            assertThat(FilePattern.formatValue(c[0], (String) c[1])).as("format(%s, '%s')", c[0], c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void fillsKerasCheckpointNames() {
        assertThat(FilePattern.format("weights.{epoch:02d}-{val_loss:.2f}.h5", Map.of("epoch", 3, "val_loss", 0.12345)))
                .isEqualTo("weights.03-0.12.h5");
        assertThat(FilePattern.format("{{literal}}/ckpt-{epoch}.keras", Map.of("epoch", 10))).isEqualTo("{literal}/ckpt-10.keras");
        assertThat(FilePattern.format("no-fields.keras", Map.of())).isEqualTo("no-fields.keras");
    }

    @Test
    void missingFieldsAndBadSpecsAreNamed() {
        assertThatThrownBy(() -> FilePattern.format("w.{epoch:02d}-{val_acc:.2f}.h5", Map.of("epoch", 1, "loss", 0.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'val_acc'").hasMessageContaining("w.{epoch:02d}");
        assertThatThrownBy(() -> FilePattern.format("{loss:02d}", Map.of("loss", 0.5)))
                .hasMessageContaining("Unknown format code 'd' for object of type 'float'");
        assertThatThrownBy(() -> FilePattern.format("{epoch", Map.of("epoch", 1))).hasMessageContaining("Single '{'");
    }
}
