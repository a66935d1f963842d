package ru.edu.auditor.cli;

/**
 * {@code --format} of the commands that print one result: a table for the terminal or JSON. An enum, so picocli refuses
 * any other value with a Russian message naming the allowed ones (see {@link CliErrors}) instead of printing a table.
 */
enum TableOrJson { table, json }
