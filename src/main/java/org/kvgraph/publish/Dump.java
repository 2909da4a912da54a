package org.kvgraph.publish;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip'd dump written on a thread of its own: the text written to {@link #writer()} is handed over in chunks
 * and compressed (java.util.zip: no file name, modification time 0, the default level) while the caller goes
 * on, so the three dumps of a release compress side by side. The bytes are those of a plain
 * {@code GZIPOutputStream} over the same text. {@link #finish()} waits for the file to be whole and on disk;
 * the SHA-256 and size are taken as the bytes are written.
 */
final class Dump implements Closeable {
    private static final byte[] END = new byte[0];
    private static final int CHUNK = 1 << 20;

    final Path file;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(8);
    private final MessageDigest md;
    private final Thread thread;
    private final Writer writer;
    private volatile Throwable failure;
    private volatile long size;
    private boolean finished;

    Dump(Path file) {
        this.file = file;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        thread = new Thread(this::compress, "publish-gzip-" + file.getFileName());
        thread.setDaemon(true);
        thread.start();
        writer = new BufferedWriter(new OutputStreamWriter(new Chunks(), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Where the dump's text goes (UTF-8). */
    Writer writer() {
        return writer;
    }

    /** Writes what is left, waits for the file to be complete and forces it to disk. */
    void finish() throws IOException {
        writer.flush();
        put(END);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing " + file);
        }
        check();
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        finished = true;
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(md.digest());
    }

    /** Stops the compressing thread if the dump was not finished (the file is left for the caller to remove). */
    @Override
    public void close() {
        if (!finished) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.MINUTES.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void compress() {
        try (OutputStream raw = Files.newOutputStream(file);
             Counting counted = new Counting(new DigestOutputStream(new BufferedOutputStream(raw, 1 << 16), md))) {
            GZIPOutputStream gz = new GZIPOutputStream(counted, 1 << 16);
            while (true) {
                byte[] b = queue.take();
                if (b == END) {
                    break;
                }
                gz.write(b);
            }
            gz.finish();
            counted.flush();
            size = counted.count;
        } catch (InterruptedException e) {
            failure = new InterruptedIOException("stopped compressing " + file);
        } catch (Throwable e) {
            failure = e;
        }
    }

    private void check() throws IOException {
        Throwable f = failure;
        if (f == null) {
            return;
        }
        if (f instanceof IOException io) {
            throw new IOException("cannot write " + file + ": " + io.getMessage(), io);
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error er) {
            throw er;
        }
        throw new IOException(f);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!queue.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                check();
                if (!thread.isAlive()) {
                    throw new IOException("the compression of " + file + " stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing " + file);
        }
    }

    /** Collects bytes into chunks for the compressing thread. */
    private final class Chunks extends OutputStream {
        private byte[] buf = new byte[CHUNK];
        private int n;

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (n == buf.length) {
                    flush();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        @Override
        public void flush() throws IOException {
            if (n > 0) {
                byte[] full = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
                put(full);
                buf = new byte[CHUNK];
                n = 0;
            }
        }
    }

    private static final class Counting extends java.io.FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
