from zi_evidence.cli import main

main()
