# The recall document's first message trace example, on the contoso sample tenant:
#   exosh --store samples/contoso.json --now 2023-08-15T09:00:00Z samples/trace-sender.ps1
# The recall rows show Status Failed: the recall message is dropped by Transport once the
# recall is done (or has failed), whatever the outcome.
Get-MessageTrace -SenderAddress user@contoso.com
