package org.lanfree.cli.transport;

import org.lanfree.connect.SockAddr;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code HOST:PORT} (an IPv6 host in brackets: {@code [::1]:7000}) into a LAN address. */
final class HostPort implements ITypeConverter<SockAddr.Net> {

    @Override
    public SockAddr.Net convert(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new TypeConversionException("'" + text + "' is not HOST:PORT; write e.g. 127.0.0.1:7000");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' has a port that is not a number; write HOST:PORT,"
                    + " e.g. 127.0.0.1:7000");
        }
        if (port < 0 || port > 65535) {
            throw new TypeConversionException("'" + text + "' has port " + port + "; expected 0-65535");
        }
        return new SockAddr.Net(host, port);
    }
}
