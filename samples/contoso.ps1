# The contoso.com sample tenant: the people of the recall and message-trace documents.
# It is built on a new empty tenant (`exosh init PATH --domain contoso.com` makes
# admin@contoso.com, a member of Organization Management) by `npm run sample`, which
# writes samples/contoso.json. A test checks that the two agree.

Set-TenantClock -Now '2023-08-01T09:00:00Z'

# The sender and the three recipients of the recall example
New-Mailbox -Name 'Contoso User' -Alias user -DisplayName 'Contoso User' -PrimarySmtpAddress user@contoso.com
foreach ($n in 1..3) {
    New-Mailbox -Name "Recipient $n" -Alias "recipient$n" -DisplayName "Recipient $n" -PrimarySmtpAddress "recipient$n@contoso.com"
}

# Help desk: can run message trace, cannot change the organization
New-Mailbox -Name 'Helen Desk' -Alias helpdesk -PrimarySmtpAddress helpdesk@contoso.com
Add-RoleGroupMember -Identity 'Help Desk' -Member helpdesk@contoso.com

# A shared mailbox and its delegate
New-Mailbox -Shared -Name 'Sales Team' -Alias sales -PrimarySmtpAddress sales@contoso.com
New-Mailbox -Name 'Dana Delegate' -Alias dana -PrimarySmtpAddress dana@contoso.com
Add-MailboxPermission -Identity sales@contoso.com -User dana@contoso.com -AccessRights FullAccess -InheritanceType All | Out-Null
Add-RecipientPermission -Identity sales@contoso.com -Trustee dana@contoso.com -AccessRights SendAs -Confirm:$false | Out-Null

# A distribution group and an external contact
New-MailContact -Name 'Fabrikam Partner' -ExternalEmailAddress partner@fabrikam.com | Out-Null
New-DistributionGroup -Name 'Recall Testers' -Alias recalltesters -PrimarySmtpAddress recalltesters@contoso.com -Members recipient1@contoso.com, recipient2@contoso.com, recipient3@contoso.com | Out-Null

# recipient1 also receives mail at an alias address; recipient3's mailbox is on litigation hold
Set-Mailbox -Identity recipient1@contoso.com -EmailAddresses @{Add = 'r1@contoso.com'}
Set-Mailbox -Identity recipient3@contoso.com -LitigationHoldEnabled $true

# Read messages may not be recalled (in force an hour later, long before the recall below)
Set-OrganizationConfig -RecallReadMessagesEnabled $false

# Mail flow rules: one sends "cheap" offers to Junk Email, one holds "invoice" mail in quarantine
New-TransportRule -Name 'Junk cheap offers' -SubjectContainsWords 'cheap' -SetSCL 6 | Out-Null
New-TransportRule -Name 'Quarantine invoices' -SubjectContainsWords 'invoice' -Quarantine $true | Out-Null

# --- The recall scenario of the documents -------------------------------------------------
# The admin moves the clock (a simulation control); each user acts as themselves.
# user@contoso.com sends the message on Saturday; recipient2 reads it on Sunday.
Set-TenantClock -Now '2023-08-12T16:20:00Z'
Connect-ExchangeOnline -UserPrincipalName user@contoso.com -ShowBanner:$false
$original = Send-MailMessage -To recipient1@contoso.com, recipient2@contoso.com, recipient3@contoso.com -Subject 'Testing recall functionality' -Body 'Please ignore: this message will be recalled.' -PassThru
Connect-ExchangeOnline -UserPrincipalName admin@contoso.com -ShowBanner:$false
Set-TenantClock -Now '2023-08-13T08:05:00Z'
Connect-ExchangeOnline -UserPrincipalName recipient2@contoso.com -ShowBanner:$false
Set-MailboxMessage -MessageId $original.MessageId -IsRead $true

# Monday evening: the recall. recipient1's unread copy is deleted; recipient2 had read it
# (read-recall is off): Failed; recipient3 is on hold: deleted from view, kept for eDiscovery.
Connect-ExchangeOnline -UserPrincipalName admin@contoso.com -ShowBanner:$false
Set-TenantClock -Now '2023-08-14T21:51:20Z'
Connect-ExchangeOnline -UserPrincipalName user@contoso.com -ShowBanner:$false
Invoke-MessageRecall -MessageId $original.MessageId | Out-Null

# --- Ordinary mail, so that every trace status and event appears --------------------------
Connect-ExchangeOnline -UserPrincipalName admin@contoso.com -ShowBanner:$false
Set-TenantClock -Now '2023-08-14T22:10:00Z'
Send-MailMessage -From admin@contoso.com -To r1@contoso.com -Subject 'Welcome to Contoso' -Body 'Sent to an alias address.'
Send-MailMessage -From admin@contoso.com -To recalltesters@contoso.com -Subject 'Recall test plan' -Body 'For the group.'
Send-MailMessage -From admin@contoso.com -To nobody@contoso.com -Subject 'Lost message' -Body 'No such mailbox.'
Set-TenantClock -Now '2023-08-14T22:30:00Z'
Connect-ExchangeOnline -UserPrincipalName dana@contoso.com -ShowBanner:$false
Send-MailMessage -From sales@contoso.com -To partner@fabrikam.com -Subject 'Quote for Fabrikam' -Body 'Sent as the shared mailbox.'
Connect-ExchangeOnline -UserPrincipalName admin@contoso.com -ShowBanner:$false
Set-TenantClock -Now '2023-08-14T23:00:00Z'
Send-MailMessage -From offers@fabrikam.com -To recipient1@contoso.com -Subject 'Cheap licences' -Body 'Spam.' -FromIP 198.51.100.23
Send-MailMessage -From billing@fabrikam.com -To recipient2@contoso.com -Subject 'Invoice 4711' -Body 'Held in quarantine.' -FromIP 198.51.100.24
Send-MailMessage -From billing@fabrikam.com -To recipient3@contoso.com -Subject 'Invoice 4712' -Body 'Released later.' -FromIP 198.51.100.24
Set-TenantClock -Now '2023-08-15T07:30:00Z'
Get-QuarantineMessage -RecipientAddress recipient3@contoso.com | Release-QuarantineMessage -ReleaseToAll

# The sales mailbox cannot take mail this morning: the delivery is deferred (Pending)
Set-MailboxAvailability -Identity sales@contoso.com -Unavailable
Send-MailMessage -From admin@contoso.com -To sales@contoso.com -Subject 'Weekly sales figures' -Body 'Deferred.'

# The documents' examples read "8/14/2023 9:51:20 PM"; the clock rests the next morning.
Set-TenantClock -Now '2023-08-15T09:00:00Z'
# Reading the tenant runs what fell due up to the resting time (the deferred delivery's retries).
Get-TenantClock | Out-Null
