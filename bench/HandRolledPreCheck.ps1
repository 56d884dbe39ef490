<#
    The baseline of the per-call benchmark: a rolling-restart pre-check written the way operators write it
    today without this module. One HMAC-SHA256 signature and one Invoke-RestMethod call per cluster, written
    the straightforward way on purpose: it is what the module is measured against, not something to tune.
#>

function Invoke-HandRolledPreCheck {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Endpoint,
        [Parameter(Mandatory)] [string] $AccessKey,
        [Parameter(Mandatory)] [string] $SecretKey,
        [Parameter(Mandatory, ValueFromPipeline)] [long] $ServiceGroupInstanceNo
    )
    process {
        $uri = [uri]"$Endpoint/cluster/rollingRestartPreCheck"
        $timestamp = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds().ToString()
        $hmac = [System.Security.Cryptography.HMACSHA256]::new([Text.Encoding]::UTF8.GetBytes($SecretKey))
        $stringToSign = "POST $($uri.AbsolutePath)`n$timestamp`n$AccessKey"
        $signature = [Convert]::ToBase64String($hmac.ComputeHash([Text.Encoding]::UTF8.GetBytes($stringToSign)))
        $headers = @{
            'x-ncp-apigw-timestamp'    = $timestamp
            'x-ncp-iam-access-key'     = $AccessKey
            'x-ncp-apigw-signature-v2' = $signature
        }
        $body = @{ serviceGroupInstanceNo = $ServiceGroupInstanceNo } | ConvertTo-Json -Compress
        $answer = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -ContentType 'application/json' -Body $body
        [pscustomobject]@{
            ServiceGroupInstanceNo = $ServiceGroupInstanceNo
            CanRestart             = ($answer.code -eq 0 -and $answer.result -eq $true)
            Message                = $answer.message
            RequestId              = $answer.requestId
        }
    }
}
