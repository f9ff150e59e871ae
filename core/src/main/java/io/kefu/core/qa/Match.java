package io.kefu.core.qa;

/** Where in a message a rule matched: [start, end) in the message text. */
record Match(int start, int end) {}
