"""The team's answers to the LKE (``jawaban-lke.yaml``): model and loading, the template, the workbook."""
