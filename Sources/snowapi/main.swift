import SnowapiCLI

await SnowapiCommand.runMain()
