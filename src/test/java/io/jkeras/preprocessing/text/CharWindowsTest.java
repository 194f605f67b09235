package io.jkeras.preprocessing.text;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CharWindowsTest {
    @Test
    void windowsAreTheCoursesVectorisation() {
        String text = "hello world, hello!";
        CharWindows w = CharWindows.of(text, 5, 3);
        // Python: [text[i:i+5] for i in range(0, len(text) - 5, 3)] and text[i+5]; sorted(set(text)).
        assertThat(w.sentences()).containsExactly("hello", "lo wo", "world", "ld, h", " hell");
        assertThat(w.nextChars()).isEqualTo(" r,eo");
        assertThat(w.alphabet()).isEqualTo(" !,dehlorw");
        INDArray x = w.x();
        INDArray y = w.y();
        assertThat(x.shape()).containsExactly(5, 5, 10);
        assertThat(y.shape()).containsExactly(5, 10);
        assertThat(x.sumNumber().intValue()).isEqualTo(25);
        assertThat(x.getFloat(1, 2, w.indexOf(' '))).isEqualTo(1f);
        assertThat(y.getFloat(2, w.indexOf(','))).isEqualTo(1f);
        assertThat(w.charAt(w.indexOf('w'))).isEqualTo('w');
        INDArray e = w.encode("xhe");
        assertThat(e.shape()).containsExactly(1, 5, 10);
        assertThat(e.sumNumber().intValue()).isEqualTo(2); // 'x' is outside the alphabet, the seed is right-aligned
        assertThat(e.getFloat(0, 4, w.indexOf('e'))).isEqualTo(1f);
        assertThat(w.encode("hello world").getFloat(0, 0, w.indexOf('w'))).isEqualTo(1f);
        assertThatThrownBy(() -> CharWindows.of("abc", 5, 1)).hasMessageContaining("needs more than maxlen=5");
        assertThat(List.of(w.size(), w.maxlen(), w.alphabetSize())).containsExactly(5, 5, 10);
    }
}
