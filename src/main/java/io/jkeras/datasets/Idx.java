package io.jkeras.datasets;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads unsigned-byte IDX files (the MNIST family's format), gzipped or not, into UINT8 arrays.
 *
 * <p>Layout: two zero bytes, a type code ({@code 0x08} = unsigned byte), the number of dimensions,
 * one big-endian int32 per dimension, then the values in row-major order. The payload is read as one
 * {@code byte[]} and copied into an ND4J buffer in one go: a per-element loop over 47 million pixels
 * would cost seconds, this costs the gunzip.
 */
final class Idx {
    private static final int UBYTE = 0x08;

    private Idx() {
    }

    /** The array stored in {@code file}, UINT8, shaped as the file's dimensions. */
    static INDArray readUbyte(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz")
                     ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            return readUbyte(in, file.toString());
        }
    }

    /** Reads one IDX array from {@code in}; {@code name} is only for error messages. */
    static INDArray readUbyte(InputStream in, String name) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException(name + ": not an IDX file (shorter than its 4-byte header)", e);
        }
        int type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        if ((magic >>> 16) != 0 || rank == 0) {
            throw new IOException(name + ": not an IDX file (magic number 0x" + Integer.toHexString(magic)
                    + "; expected 0x0000TTNN with type TT and NN dimensions)");
        }
        if (type != UBYTE) {
            throw new IOException(name + ": IDX type code 0x" + Integer.toHexString(type)
                    + " is not supported; only unsigned bytes (0x08) are");
        }
        long[] shape = new long[rank];
        long count = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = Integer.toUnsignedLong(data.readInt());
            count *= shape[i];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new IOException(name + ": shape " + Arrays.toString(shape) + " holds more values than one array can");
        }
        byte[] values = data.readNBytes((int) count);
        if (values.length != count) {
            throw new IOException(name + ": truncated: the header promises " + count + " values of shape "
                    + Arrays.toString(shape) + " but the file holds " + values.length);
        }
        if (data.read() != -1) {
            throw new IOException(name + ": more data after the " + count + " values the header promises");
        }
        // A typed buffer keeps the bytes as they are; UINT8 reads 0..255 where Java's byte would say -128..127.
        DataBuffer buffer = Nd4j.createTypedBuffer(values, DataType.UINT8);
        return Nd4j.create(buffer, shape);
    }
}
