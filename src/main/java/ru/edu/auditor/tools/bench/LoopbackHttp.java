package ru.edu.auditor.tools.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A minimal full-duplex HTTP/1.1 client for streaming batches on loopback: one thread sends the request
 * body from a file while the caller reads the streamed answer, so neither side ever holds the whole batch
 * (a client that sends everything before reading would stall a streaming server once the socket buffers fill).
 */
final class LoopbackHttp {
    private LoopbackHttp() { }

    /** The answer to a streamed batch: status, record lines (the summary line included) and the last line. */
    record Streamed(int status, long lines, String lastLine, long bytes, long nanos) { }

    /** POSTs the first {@code length} bytes of {@code file} to {@code path} and reads the whole answer, counting its lines. */
    static Streamed postFile(int port, String path, String token, String contentType, Path file, long length) throws IOException {
        long t0 = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            AtomicReference<IOException> sendError = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buf = new byte[64 * 1024];
                    long left = length;
                    while (left > 0) {
                        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                        if (n < 0) throw new IOException("file shorter than " + length);
                        out.write(buf, 0, n);
                        left -= n;
                    }
                    out.flush();
                } catch (IOException e) {
                    sendError.set(e);
                }
            }, "bench-sender");
            sender.setDaemon(true);
            sender.start();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            String status = readLine(in);
            int code = Integer.parseInt(status.split(" ")[1]);
            boolean chunked = false;
            for (String h = readLine(in); !h.isEmpty(); h = readLine(in)) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            }
            LineCounter counter = new LineCounter();
            if (chunked) {
                while (true) {
                    String sizeLine = readLine(in);
                    int semi = sizeLine.indexOf(';');
                    int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).strip(), 16);
                    if (size == 0) {
                        while (!readLine(in).isEmpty()) { /* trailers */ }
                        break;
                    }
                    counter.copy(in, size);
                    readLine(in);
                }
            } else {
                counter.copy(in, Long.MAX_VALUE);
            }
            try {
                sender.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (sendError.get() != null && code == 200 && counter.lines == 0) throw sendError.get();
            return new Streamed(code, counter.lines, counter.last(), counter.bytes, System.nanoTime() - t0);
        }
    }

    /** Counts lines of a stream and keeps only the last one. */
    private static final class LineCounter {
        long lines;
        long bytes;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private byte[] last = new byte[0];
        private final byte[] buf = new byte[64 * 1024];

        void copy(InputStream in, long size) throws IOException {
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    if (size == Long.MAX_VALUE) return;
                    throw new IOException("answer ended inside a chunk");
                }
                bytes += n;
                left -= n;
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        current.write(buf, start, i - start);
                        last = current.toByteArray();
                        current.reset();
                        lines++;
                        start = i + 1;
                    }
                }
                // keep the tail of a line that is not complete yet, but never more than one record
                current.write(buf, start, n - start);
            }
        }

        String last() { return new String(last, StandardCharsets.UTF_8); }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') b.append((char) c);
        }
        if (c < 0 && b.length() == 0) throw new IOException("connection closed");
        return b.toString();
    }
}
