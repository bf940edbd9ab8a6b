/** Command line entry (placeholder until the CLI lands). */
process.stdout.write('service-star: CLI not built yet\n');
