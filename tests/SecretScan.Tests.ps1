BeforeAll {
    . (Join-Path $PSScriptRoot 'TestSetup.ps1')
    # A broker takes 1 s to restart, long enough for the rollout's first poll to see it; the clock driver then
    # finishes the restart, so the -Wait rollout below costs one poll.
    $script:emu = Start-TestEmulator -ArgumentList '--broker-restart-ms', '1000'
    $null = Start-ClockDriver $emu
    $script:secrets = @('emulator-secret-key', 'a-wrong-secret-that-must-not-leak')
    # A signature is Base64(HMAC-SHA256): 43 characters and one '=' padding.
    $script:signaturePattern = '[A-Za-z0-9+/]{43}='
}

AfterAll {
    Stop-TestEnvironment
}

Describe 'Secret scan of every cmdlet, with -Verbose -Debug under a transcript' {
    BeforeAll {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "cdss-scan-$([guid]::NewGuid()).txt"
        $clixml = Join-Path ([IO.Path]::GetTempPath()) "cdss-scan-$([guid]::NewGuid()).xml"
        $outputs = [System.Collections.Generic.List[object]]::new()
        $Error.Clear()
        Start-Transcript -Path $transcript -Force | Out-Null
        try {
            $common = @{ Verbose = $true; Debug = $true; ErrorAction = 'Continue'; WarningAction = 'Continue' }
            $outputs.Add((Connect-Cdss -Endpoint $emu.Endpoint -Credential $emu.Credential @common))
            $outputs.Add((Get-CdssSession @common))
            foreach ($o in Test-CdssRollingRestart 3432149, 3432151, 999999 @common) { $outputs.Add($o) }
            foreach ($o in Get-CdssCluster @common) { $outputs.Add($o) }
            foreach ($o in Get-CdssRollingRestartProgress 3432150 @common) { $outputs.Add($o) }
            $outputs.Add((Start-CdssRollingRestart 3432149 -Force -Wait -PollIntervalSec 1 -TimeoutMinutes 1 @common))
            $outputs.Add((Start-CdssRollingRestart 3432153 -Force @common))
            foreach ($o in Invoke-CdssApi /cluster/getClusterInfoList -Body @{ pageSize = 2 } -Raw @common) { $outputs.Add($o) }
            foreach ($o in Invoke-CdssApi /cluster/getClusterStatus/3432149 -Method GET @common) { $outputs.Add($o) }

            # Failing calls: retries, a bad secret, a bad body, a refused restart, bad Connect-Cdss input.
            Add-CdssEmulatorFault $emu @{ kind = 'status'; status = 503; errorCode = '500'; times = 2; serviceGroupInstanceNo = 3432150 }
            $null = Test-CdssRollingRestart 3432150 @common
            Add-CdssEmulatorFault $emu @{ kind = 'html'; serviceGroupInstanceNo = 3432152 }
            $null = Test-CdssRollingRestart 3432152 @common 2>&1 | Out-Host
            $bad = Connect-Cdss -Endpoint $emu.Endpoint -AccessKey $emu.AccessKey -SecretKey (New-TestSecret $secrets[1]) -NotDefault @common
            $outputs.Add($bad)
            Test-CdssRollingRestart 3432149 -Session $bad @common 2>&1 | Out-Host
            Start-CdssRollingRestart 3432151 -Force @common 2>&1 | Out-Host
            try { Connect-Cdss -Site Fin -Region KR -AccessKey 'AKID' -SecretKey (New-TestSecret $secrets[1]) @common } catch { $_ | Out-Host }
            try { Connect-Cdss -Endpoint 'http://example.com/api/v1' -Credential $emu.Credential @common } catch { $_ | Out-Host }
            Disconnect-Cdss @common
        }
        finally {
            Stop-Transcript | Out-Null
        }
        $outputs | Export-Clixml -Path $clixml -Depth 10
        $script:views = [ordered]@{
            'the transcript'           = Get-Content $transcript -Raw
            'Format-List *'            = $outputs | Format-List * -Force | Out-String -Width 500
            'ConvertTo-Json -Depth 10' = $outputs | ConvertTo-Json -Depth 10 -WarningAction SilentlyContinue
            'Export-Clixml'            = Get-Content $clixml -Raw
            'ToString()'               = ($outputs | ForEach-Object { "$_" }) -join "`n"
            'error records'            = ($Error | Format-List * -Force | Out-String -Width 500) + ($Error | ForEach-Object { $_.Exception | Format-List * -Force | Out-String -Width 500 })
        }
        Remove-Item $transcript, $clixml -ErrorAction SilentlyContinue
        $script:outputCount = $outputs.Count
    }

    It 'captured real output to scan' {
        $outputCount | Should -BeGreaterThan 10
        $views['the transcript'] | Should -Match 'VERBOSE: .*HTTP 200'
        $views['the transcript'] | Should -Match 'DEBUG: .*attempt 1'
        $views['the transcript'] | Should -Match 'retrying in'
        $views['the transcript'] | Should -Match 'CdssAuthenticationFailed|Authentication Failed'
        $views['error records'] | Should -Match 'CdssInvalidResponse'
    }

    It 'shows no secret key in <_>' -ForEach @('the transcript', 'Format-List *', 'ConvertTo-Json -Depth 10', 'Export-Clixml', 'ToString()', 'error records') {
        foreach ($secret in $secrets) { $views[$_] | Should -Not -Match ([regex]::Escape($secret)) }
    }

    It 'shows no signature in <_>' -ForEach @('the transcript', 'Format-List *', 'ConvertTo-Json -Depth 10', 'Export-Clixml', 'ToString()', 'error records') {
        $views[$_] | Should -Not -Match $signaturePattern
    }

    It 'shortens the access key to 4 characters in Verbose and Debug text' {
        $lines = $views['the transcript'] -split "`r?`n" | Where-Object { $_ -match '^(VERBOSE|DEBUG):' }
        $lines | Should -Not -BeNullOrEmpty
        ($lines -match 'EMUL…') | Should -Not -BeNullOrEmpty
        ($lines -match 'EMULATOR0ACCESS0KEY1') | Should -BeNullOrEmpty
    }
}
