package ru.edu.auditor.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that can be switched off and on: while off, new connections time out as a pool's would, and
 * connections already handed out fail with a lost-connection error (SQLState 08006) on their next statement.
 */
public final class FlakyDataSource implements DataSource {
    private static final Set<String> GUARDED = Set.of("prepareStatement", "createStatement", "commit", "setAutoCommit");
    private final DataSource target;
    private volatile boolean down;

    public FlakyDataSource(DataSource target, boolean down) {
        this.target = target;
        this.down = down;
    }

    public void down() { down = true; }

    public void up() { down = false; }

    @Override public Connection getConnection() throws SQLException {
        if (down) throw new SQLTransientConnectionException("audit-store - Connection is not available, request timed out after 3000ms.");
        Connection real = target.getConnection();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (down && GUARDED.contains(method.getName())) throw new SQLNonTransientConnectionException("connection lost", "08006");
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override public Connection getConnection(String user, String password) throws SQLException { return getConnection(); }
    @Override public PrintWriter getLogWriter() { return null; }
    @Override public void setLogWriter(PrintWriter out) { }
    @Override public void setLoginTimeout(int seconds) { }
    @Override public int getLoginTimeout() { return 0; }
    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }
    @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
    @Override public boolean isWrapperFor(Class<?> iface) { return false; }
}
