package dev.inbound.smtp.codec;

/** What {@link SmtpInput} makes of the bytes a client sends: a command line or a piece of content. */
public sealed interface InputEvent permits CommandLine, Content {
}
