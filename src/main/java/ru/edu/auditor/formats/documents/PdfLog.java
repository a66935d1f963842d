package ru.edu.auditor.formats.documents;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * openhtmltopdf's own log (by default printed to stderr, in English, on every act) routed to the server's log: its
 * progress notes at debug level, its warnings and errors as warnings — a person reads the act, never these lines.
 */
final class PdfLog implements XRLogger {
    private static final Logger log = LoggerFactory.getLogger("ru.edu.auditor.formats.documents.pdf");

    private PdfLog() { }

    static void install() {
        XRLog.setLoggerImpl(new PdfLog());
    }

    @Override
    public void log(String where, Level level, String msg) { log(where, level, msg, null); }

    @Override
    public void log(String where, Level level, String msg, Throwable th) {
        if (level.intValue() >= Level.WARNING.intValue()) log.warn("{}: {}", where, msg, th);
        else if (log.isDebugEnabled()) log.debug("{}: {}", where, msg, th);
    }

    @Override
    public void setLevel(String logger, Level level) { }

    @Override
    public boolean isLogLevelEnabled(Diagnostic diagnostic) {
        return diagnostic.getLevel().intValue() >= Level.WARNING.intValue() || log.isDebugEnabled();
    }
}
