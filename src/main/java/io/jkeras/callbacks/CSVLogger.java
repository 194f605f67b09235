package io.jkeras.callbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Streams each epoch's results to a CSV file, as Keras 3's {@code keras.callbacks.CSVLogger}: a header
 * {@code epoch,<the first epoch's log keys, sorted>}, then one row per epoch (epochs from 0, numbers
 * as Python writes them, {@code NA} for a key an epoch lacks), flushed as soon as it is written so the
 * file can be watched during training. Rows end with {@code \r\n}, as Python's csv module writes them.
 *
 * <p>Parameters: {@code filename}, {@code separator} (","), {@code append} (false: overwrite; true:
 * add to an existing file, writing the header only if the file is empty).
 *
 * <pre>{@code
 * jshell> model.fit(x, y, FitOptions.epochs(3).callbacks(new CSVLogger("training.log")));
 * jshell> Files.readString(Path.of("training.log"))
 * $2 ==> "epoch,accuracy,loss\r\n0,0.8125,0.5123...\r\n..."
 * }</pre>
 */
public class CSVLogger extends Callback {
    private final Path file;
    private final String separator;
    private final boolean append;
    private Writer writer;
    private List<String> keys;
    private boolean writeHeader;

    /** Writes to {@code filename}, overwriting it, with "," between cells. */
    public CSVLogger(String filename) {
        this(filename, ",", false);
    }

    /** Writes to {@code filename} with {@code separator} between cells; {@code append} keeps what is there. */
    public CSVLogger(String filename, String separator, boolean append) {
        this.file = Path.of(Objects.requireNonNull(filename, "filename"));
        this.separator = Objects.requireNonNull(separator, "separator");
        this.append = append;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        try {
            // Appending to a file that already has a line (even an empty one, as Keras reads it) keeps its header.
            writeHeader = !(append && Files.exists(file) && Files.size(file) > 0);
            close();
            writer = append
                    ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            keys = null;
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (writer == null) onTrainBegin(Map.of());
        Map<String, Double> l = logs == null ? Map.of() : logs;
        if (keys == null) {
            // The columns are fixed by the first epoch, as Keras fixes its DictWriter's field names.
            keys = new ArrayList<>(l.keySet());
            keys.sort(null);
        }
        try {
            if (writeHeader) {
                List<String> header = new ArrayList<>();
                header.add("epoch");
                header.addAll(keys);
                writeRow(header);
                writeHeader = false;
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String k : keys) {
                Double v = l.get(k);
                row.add(v == null ? "NA" : CallbackSupport.repr(v));
            }
            writeRow(row);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write to " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeRow(List<String> cells) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(separator);
            sb.append(quote(cells.get(i)));
        }
        writer.write(sb.append("\r\n").toString());
    }

    /** Python's csv "minimal" quoting: only cells holding the separator, a quote or a line break. */
    private String quote(String cell) {
        boolean needs = cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
        return needs ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        try {
            close();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot close " + file + ": " + e.getMessage(), e);
        }
    }

    private void close() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
