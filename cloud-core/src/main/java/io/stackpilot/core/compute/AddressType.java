package io.stackpilot.core.compute;

/** Whether an address is the server's own (fixed) or a floating IP mapped to it. */
public enum AddressType {
    FIXED, FLOATING
}
