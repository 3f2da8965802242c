# The recall document's script that adds the sender and recipient of each Message Trace row to
# its Message Trace Detail rows, and appends them to msgtraceBrid.csv (in the current
# directory). Run it twice: the second run appends its rows without a second header.
#   exosh --store samples/contoso.json --now 2023-08-15T09:00:00Z samples/trace-join.ps1
# Get-MessageTraceDetailJoined does the same in one pipeline (see docs/message-trace.md).
$results = Get-MessageTrace -MessageID "<SN6PRDAMB2711030E0708A38AEA3029F26B96E@SN6PRDAMB27110.namprd01.prod.outlook.com>" -StartDate 08/14/2023 -EndDate 08/15/2023
 
$detail = foreach ($result in $results) {Get-MessageTraceDetail -RecipientAddress $result.recipientaddress -MessageTraceId $result.messagetraceid | select organization, messageid, messagetraceid, date, event, action, detail, data, @{n='SenderAddress';e={$result.senderaddress}}, @{n='RecipientAddress';e={$result.recipientaddress}}}

$detail | Export-Csv msgtraceBrid.csv -Append -NoTypeInformation
