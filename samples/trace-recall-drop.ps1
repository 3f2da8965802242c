# The recall document's second example: the Drop event of the recall message, with the
# recall's Result for each recipient (Success, or Failed: recipient2 had read the message and
# the sample tenant does not recall read messages).
#   exosh --store samples/contoso.json --now 2023-08-15T09:00:00Z samples/trace-recall-drop.ps1
# The Message ID is the recall message's, from the initial Message Trace results.
Get-MessageTrace -SenderAddress user@contoso.com -MessageId "<SN6PRDAMB2711030E0708A38AEA3029F26B96E@SN6PRDAMB27110.namprd01.prod.outlook.com>" | Get-MessageTraceDetail -Event Drop | fl
